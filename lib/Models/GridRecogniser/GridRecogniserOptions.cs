using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// Options of the "grid-recogniser" experiment: the speech recogniser that scores Table 3's generated speech by WER.
/// Nothing here comes from the DINO paper (it names no ASR model); the defaults are this kit's choice for a
/// 51-word, 6-slot grammar. Shared <see cref="TrainingOptions"/> keep theirs except the batch size (32).
/// </summary>
public sealed record GridRecogniserOptions : TrainingOptions
{
    public GridRecogniserOptions() => BatchSize = 32;

    /// <summary>The corpora with a GRID layout (the registry's <see cref="CorpusDefinition.Grid"/> view), for messages.</summary>
    public static string GridCorpora => CorpusRegistry.Names(c => c.Grid is not null);

    /// <summary>
    /// "spoken-grid" (embedded, made once under the data root) or "grid" (the real corpus from data-scripts/grid.sh). Default "spoken-grid".
    /// </summary>
    public string Corpus { get; init; } = SpokenGridCorpus.Name;

    /// <summary>A GRID-layout folder to read instead of <see cref="Corpus"/>'s default place; empty = the default. Default "".</summary>
    public string CorpusPath { get; init; } = "";

    /// <summary>Spoken GRID voices to make (train, train, val, test speakers in turn; at most 8). Default 8.</summary>
    public int SpokenGridSpeakers { get; init; } = 8;

    /// <summary>Spoken GRID utterances per voice. Default 100.</summary>
    public int SpokenGridUtterances { get; init; } = 100;

    /// <summary>Clips are padded with silence to this length; GRID's utterances last 3 s. Default 3.0.</summary>
    public double ClipSeconds { get; init; } = 3.0;

    /// <summary>Mel bands of the log-mel front end (25 ms windows, 10 ms hop at 16 kHz). Default 40.</summary>
    public int MelBands { get; init; } = 40;

    /// <summary>Channels of the three 1-D convolutions (a multiple of 8, the GroupNorm groups). Default 64.</summary>
    public int Channels { get; init; } = 64;

    /// <summary>Hidden size of each direction of the bidirectional GRU. Default 64.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Equal spans of the clip the GRU's output is averaged over before the six heads (12 over 3 s: 250 ms each). Default 12.</summary>
    public int Segments { get; init; } = 12;

    /// <summary>Dropout on the pooled features while training. Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Training batches are moved up or down by up to this many mel bands (<see cref="MelBandShift"/>); 0 = off. Default 2.</summary>
    public int BandShift { get; init; } = 2;

    /// <summary>Adam's learning rate. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Validation clips scored per evaluation (the first ones in speaker/id order); 0 = all. Default 0.</summary>
    public int EvaluationClips { get; init; }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (CorpusRegistry.Find(Corpus)?.Grid is null)
            yield return $"corpus must be one of {GridCorpora} (got '{Corpus}')";
        if (SpokenGridSpeakers < 1 || SpokenGridSpeakers > SpokenGridOptions.Voices.Count)
            yield return $"spoken_grid_speakers must be 1..{SpokenGridOptions.Voices.Count} (got {SpokenGridSpeakers})";
        if (SpokenGridUtterances < 1)
            yield return $"spoken_grid_utterances must be at least 1 (got {SpokenGridUtterances})";
        if (!(ClipSeconds is > 0 and <= 30))
            yield return $"clip_seconds must be in (0, 30] (got {ClipSeconds})";
        if (MelBands < 8)
            yield return $"mel_bands must be at least 8 (got {MelBands})";
        if (Channels < 8 || Channels % 8 != 0)
            yield return $"channels must be a positive multiple of 8 (got {Channels})";
        if (Hidden < 1)
            yield return $"hidden must be at least 1 (got {Hidden})";
        if (Segments < 1)
            yield return $"segments must be at least 1 (got {Segments})";
        if (!(Dropout is >= 0 and < 1))
            yield return $"dropout must be in [0, 1) (got {Dropout})";
        if (BandShift < 0 || BandShift >= MelBands)
            yield return $"band_shift must be 0..mel_bands−1 (got {BandShift})";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (EvaluationClips < 0)
            yield return $"evaluation_clips must be 0 (all) or positive (got {EvaluationClips})";
    }

    /// <summary>A fresh, untrained network of these sizes.</summary>
    public GridRecogniserNetwork CreateNetwork() => new(MelBands, Channels, Hidden, Segments, Dropout);

    /// <summary>The front end these options train on.</summary>
    public GridFeatures CreateFeatures() => new(MelBands, ClipSeconds);
}
