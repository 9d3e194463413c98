using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Synthetic;

namespace Dino.Repro.Data;

/// <summary>What `dino corpus make` asks of an embedded corpus: a preset, a seed and optional size overrides.</summary>
/// <param name="Count">Number of examples (pairs, utterances, clips…) instead of the preset's.</param>
/// <param name="Size">Side of images/frames in pixels instead of the preset's.</param>
public sealed record EmbeddedCorpusRequest(string Preset, long Seed = 0, int? Count = null, int? Size = null);

/// <summary>
/// A corpus the kit makes on the spot, deterministically from a seed, in the on-disk format of the real corpus it
/// stands in for (so the real corpus' reader loads it).
/// </summary>
public interface IEmbeddedCorpus
{
    /// <summary>Registry name, e.g. <c>shapes</c>.</summary>
    string Name { get; }

    /// <summary>The real corpus whose on-disk format it is written in, e.g. <c>celebamask-hq</c>.</summary>
    string StandsFor { get; }

    /// <summary>One line for `dino corpus list`: what it holds and its preset sizes.</summary>
    string Description { get; }

    /// <summary>Writes the corpus under <paramref name="root"/>; returns a one-line summary of what was written.</summary>
    /// <exception cref="ArgumentException">Unknown preset or out-of-range overrides.</exception>
    string Write(string root, EmbeddedCorpusRequest request);
}

/// <summary>The embedded corpora by name (one line per corpus here, as pix2pix registers its datasets).</summary>
public static class EmbeddedCorpora
{
    public static IReadOnlyList<IEmbeddedCorpus> All { get; } =
    [
        new ShapesEmbeddedCorpus(),
        new Synthetic.SpokenGrid.SpokenGridEmbeddedCorpus(),
        new Synthetic.SpokenShapes.SpokenShapesEmbeddedCorpus(),
        new Synthetic.VoiceFaces.VoiceFacesEmbeddedCorpus(),
        new Synthetic.SoundDrivenClip.SoundDrivenClipEmbeddedCorpus(),
        new ShapesStreetsEmbeddedCorpus(),
    ];

    public static IEmbeddedCorpus? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}

/// <summary>Shapes behind the <see cref="IEmbeddedCorpus"/> interface.</summary>
internal sealed class ShapesEmbeddedCorpus : IEmbeddedCorpus
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
