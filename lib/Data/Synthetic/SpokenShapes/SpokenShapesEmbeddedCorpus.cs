using Dino.Repro.Data.SpokenCaptions;

namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>Spoken shapes behind the <see cref="IEmbeddedCorpus"/> interface: images and captions, then their speech.</summary>
internal sealed class SpokenShapesEmbeddedCorpus : IEmbeddedCorpus
{
    public string Name => SpokenShapesCorpus.Name;
    public string StandsFor => Cub200.CubLayout.CorpusName;
    public string Description =>
        "Spoken shapes: scenes of 1–2 coloured shapes with 10 captions each spoken by 4 espeak-ng voices, 12 classes (9 train / 3 test) " +
        "(smoke 24 @ 64², cpu 3000 @ 64²)";

    public string Write(string root, EmbeddedCorpusRequest request)
    {
        var options = SpokenShapesOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Count = request.Count ?? options.Count, Size = request.Size ?? options.Size };
        if (options.Count < 1 || options.Size < 16)
            throw new ArgumentException($"--count must be ≥ 1 and --size ≥ 16 (got {options.Count}, {options.Size})");
        var corpus = SpokenShapesCorpus.Write(root, options);
        var speech = SpokenShapesCorpus.Speak(root, new SpeechPercentProgress(Console.Error));
        return $"wrote {options.Count} Spoken shapes images at {options.Size}² (seed {options.Seed}) to {corpus.Root}: " +
            $"{corpus.Images(CaptionSplit.Train).Count} train, {corpus.Images(CaptionSplit.Test).Count} test; " +
            $"{speech.Synthesized} utterances spoken, {speech.Reused} reused";
    }
}
