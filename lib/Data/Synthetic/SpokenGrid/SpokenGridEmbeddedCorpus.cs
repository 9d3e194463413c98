using Dino.Repro.Data.Grid;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>Spoken GRID behind the <see cref="IEmbeddedCorpus"/> interface: --count is utterances per speaker, --size the frame side.</summary>
internal sealed class SpokenGridEmbeddedCorpus : IEmbeddedCorpus
{
    public string Name => SpokenGridCorpus.Name;
    public string StandsFor => "grid";
    public string Description =>
        "Spoken GRID: GRID-grammar sentences by espeak-ng voices, 16 kHz, with a 25 fps synthetic talking face (smoke 4×6 @ 64², cpu 8×100 @ 96²)";

    public string Write(string root, EmbeddedCorpusRequest request)
    {
        var options = SpokenGridOptions.ForPreset(request.Preset, request.Seed);
        options = options with
        {
            UtterancesPerSpeaker = request.Count ?? options.UtterancesPerSpeaker,
            FrameSize = request.Size ?? options.FrameSize,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"--count/--size out of range: {e.Message}", e);
        }
        GridCorpus corpus;
        try
        {
            corpus = SpokenGridCorpus.Write(root, options);
        }
        catch (SpeechSynthesisException e)
        {
            throw new InvalidOperationException($"Spoken GRID needs espeak-ng: {e.Message}", e);
        }
        using var _ = corpus;
        var speakers = corpus.Speakers();
        return $"wrote {speakers.Count} Spoken GRID speakers × {options.UtterancesPerSpeaker} utterances at {options.FrameSize}² " +
            $"(seed {options.Seed}) to {corpus.Root}: speakers {string.Join(" ", speakers.Select(s => $"s{s}"))}";
    }
}
