using Dino.Repro.Data.CelebAMaskHq;

namespace Dino.Repro.Data.Synthetic;

/// <summary>Shapes behind the <see cref="IEmbeddedCorpus"/> interface.</summary>
public sealed class ShapesEmbeddedCorpus : IEmbeddedCorpus
{
    public string Name => ShapesCorpus.Name;
    public string StandsFor => "celebamask-hq";
    public string Description => "Shapes: label maps of stripes, boxes, discs, triangles → textured photos (smoke 32 @ 64², cpu 2000 @ 64²)";

    public string Write(string root, EmbeddedCorpusRequest request)
    {
        var options = ShapesOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Count = request.Count ?? options.Count, Size = request.Size ?? options.Size };
        if (options.Count < 1 || options.Size < 8)
            throw new ArgumentException($"--count must be ≥ 1 and --size ≥ 8 (got {options.Count}, {options.Size})");
        var reader = ShapesCorpus.Write(root, options);
        return $"wrote {options.Count} Shapes pairs at {options.Size}² (seed {options.Seed}) to {reader.Root}: " +
            $"{reader.Ids(CelebASplit.Train).Count} train, {reader.Ids(CelebASplit.Val).Count} val, {reader.Ids(CelebASplit.Test).Count} test";
    }
}
