using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// What every video-to-speech model of DINO's Table 3 shares: the GRID-layout corpus and how its clips are read and cut
/// into training windows, and the sizes of the Forward and Reverse networks (<see cref="VideoSpeechSizes"/>). The paper
/// gives none of the sizes; the defaults are the kit's (recorded in every run's options).
/// </summary>
public abstract record VideoSpeechOptions : TrainingOptions
{
    protected VideoSpeechOptions() => BatchSize = 8;

    /// <summary>A corpus with GRID's layout: "spoken-grid" (embedded) or "grid" (data-scripts/grid.sh). Default "spoken-grid".</summary>
    public string Corpus { get; init; } = SpokenGridCorpus.Name;

    /// <summary>Spoken GRID voices to make (train, train, val, test speakers in turn). Default 8.</summary>
    public int SpokenGridSpeakers { get; init; } = 8;

    /// <summary>Spoken GRID utterances per voice. Default 100.</summary>
    public int SpokenGridUtterances { get; init; } = 100;

    /// <summary>Train without the sentences the test speakers say, so the test phrases are unseen too (DINO §4.2). Default true.</summary>
    public bool UnseenTestPhrases { get; init; } = true;

    /// <summary>Frames read from each utterance (75: GRID's 3 s). Default 75.</summary>
    public int ClipFrames { get; init; } = 75;

    /// <summary>Frames of each training window, cut at a random offset of the clip (the whole clip when equal). Default 75.</summary>
    public int WindowFrames { get; init; } = 75;

    /// <summary>Side of the mouth crops. Default 96.</summary>
    public int FrameSize { get; init; } = 96;

    /// <summary>Grey mouth crops instead of colour. Default false.</summary>
    public bool Grayscale { get; init; }

    public int VideoWidth { get; init; } = 64;
    public int Embedding { get; init; } = 256;
    public int ForwardHidden { get; init; } = 256;
    public int DecoderWidth { get; init; } = 256;

    /// <summary>Audio samples the Reverse network hears around each frame (0.2 s). Default 3200.</summary>
    public int WindowSamples { get; init; } = 3200;

    public int AudioWidth { get; init; } = 16;
    public int AudioCode { get; init; } = 256;
    public int ReverseHidden { get; init; } = 256;
    public int IdentityWidth { get; init; } = 64;
    public int IdentityCode { get; init; } = 128;

    /// <summary>Per-frame noise values of the Reverse network's frame decoder. Default 10.</summary>
    public int Noise { get; init; } = 10;

    /// <summary>The networks' sizes: GRID's 640 samples a frame (16 kHz, 25 fps) and these options.</summary>
    public VideoSpeechSizes Sizes =>
        new(
            FrameSize,
            Grayscale ? 1 : 3,
            ClipOptions.SamplesPerFrame,
            VideoWidth,
            Embedding,
            ForwardHidden,
            DecoderWidth,
            WindowSamples,
            AudioWidth,
            AudioCode,
            ReverseHidden,
            IdentityWidth,
            IdentityCode,
            Noise
        );

    /// <summary>How each utterance is read: its first <see cref="ClipFrames"/> frames, crops of <see cref="FrameSize"/>.</summary>
    public GridClipOptions ClipOptions =>
        new()
        {
            Frames = ClipFrames,
            Size = FrameSize,
            Grayscale = Grayscale,
        };

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (CorpusRegistry.Find(Corpus)?.Grid is null)
            yield return $"corpus must be one of {CorpusRegistry.Names(c => c.Grid is not null)} (got '{Corpus}')";
        if (SpokenGridSpeakers < 1 || SpokenGridSpeakers > SpokenGridOptions.Voices.Count)
            yield return $"spoken_grid_speakers must be 1..{SpokenGridOptions.Voices.Count} (got {SpokenGridSpeakers})";
        if (SpokenGridUtterances < 1)
            yield return $"spoken_grid_utterances must be at least 1 (got {SpokenGridUtterances})";
        if (WindowFrames < 1 || WindowFrames > ClipFrames)
            yield return $"window_frames must lie in 1..clip_frames (got {WindowFrames} of {ClipFrames})";
        if (FrameSize >= 8)
            foreach (var problem in Sizes.Problems())
                yield return problem;
        else
            yield return $"frame_size must be at least 8 (got {FrameSize})";
    }
}
