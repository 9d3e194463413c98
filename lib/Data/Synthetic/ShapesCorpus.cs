using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic;

/// <summary>How many Shapes examples, how large, from which seed.</summary>
public sealed record ShapesOptions(int Count, int Size, long Seed)
{
    public const long DefaultSeed = 0;

    /// <summary>smoke: 32 pairs at 64² (seconds); cpu: 2000 pairs at 64² (minutes of training on 2 cores).</summary>
    public static ShapesOptions ForPreset(Preset preset, long seed = DefaultSeed) =>
        preset switch
        {
            Preset.Smoke => new ShapesOptions(32, 64, seed),
            Preset.Cpu => new ShapesOptions(2000, 64, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on the real CelebAMask-HQ, not on Shapes (presets for Shapes: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    /// <summary>The preset's options with `dino corpus make`'s --count and --size applied, checked.</summary>
    public static ShapesOptions For(EmbeddedCorpusRequest request)
    {
        var preset = ForPreset(request.Preset, request.Seed);
        var options = preset with { Count = request.Count ?? preset.Count, Size = request.Size ?? preset.Size };
        if (options.Count < 1 || options.Size < 8)
            throw new ArgumentException($"--count must be ≥ 1 and --size ≥ 8 (got {options.Count}, {options.Size})");
        return options;
    }
}

/// <summary>
/// The embedded segmentation→photo corpus, written in CelebAMask-HQ's on-disk layout so
/// <see cref="CelebAMaskHqCorpus"/> reads it unchanged: photos as lossless <c>CelebA-HQ-img/&lt;id&gt;.png</c> (JPEG
/// artefacts would blur the class textures and make written and re-read photos differ), one binary part mask per
/// class present (<see cref="ShapesClasses"/> gives the part names), and a mapping file whose CelebA indices put
/// ids with id % 10 &lt; 8 in train, 8 in val and 9 in test. Photos and masks are both Size² (the real corpus: 1024²
/// and 512²); the reader resizes either way. It writes the scenes of any <see cref="ShapesLook"/> (classic: `shapes`;
/// <see cref="ShapesMultimodalCorpus"/>), each under its own corpus name and manifest.
/// </summary>
public static class ShapesCorpus
{
    public const string Name = "shapes";
    public const string ManifestFile = "shapes-corpus.json";

    /// <summary>The split an id is written into (80/10/10 by id % 10).</summary>
    public static CelebASplit SplitOf(int id) =>
        (id % 10) switch
        {
            8 => CelebASplit.Val,
            9 => CelebASplit.Test,
            _ => CelebASplit.Train,
        };

    /// <summary>Renders example <paramref name="id"/> in memory (what <see cref="Write"/> stores for that id).</summary>
    public static ShapesScene Render(ShapesOptions options, int id) => Render(options, id, ShapesLook.Classic);

    /// <summary>Renders example <paramref name="id"/> in <paramref name="look"/> (what <see cref="Write"/> stores for it in that look).</summary>
    public static ShapesScene Render(ShapesOptions options, int id, ShapesLook look)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ShapesScene.Render(options.Seed, id, options.Size, look);
    }

    /// <summary>Writes the whole corpus under <paramref name="root"/> (created if needed) and returns it as a reader.</summary>
    public static CelebAMaskHqCorpus Write(string root, ShapesOptions options) => Write(root, options, ShapesLook.Classic);

    /// <summary>Writes the corpus of <paramref name="look"/> (its scenes, its manifest) under <paramref name="root"/>.</summary>
    public static CelebAMaskHqCorpus Write(string root, ShapesOptions options, ShapesLook look)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(look);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Count, 100_000);
        Directory.CreateDirectory(Path.Combine(root, CelebAMaskHqLayout.PhotoFolder));
        for (var id = 0; id < options.Count; id++)
        {
            var scene = Render(options, id, look);
            WriteExample(root, id, scene);
        }
        CelebASplits.WriteMapping(
            Path.Combine(root, CelebAMaskHqLayout.MappingFile),
            Enumerable.Range(0, options.Count).Select(id => (id, CelebAIndexOf(id)))
        );
        WriteManifest(root, options, look);
        return new CelebAMaskHqCorpus(root);
    }

    private static void WriteExample(string root, int id, ShapesScene scene)
    {
        var size = scene.Size;
        using (var photo = torch.tensor(scene.Photo, [size, size, 3]))
            ImageIO.Write(Path.Combine(root, CelebAMaskHqLayout.PhotoFolder, $"{id}.png"), photo);
        foreach (var cls in ShapesClasses.Drawn)
        {
            var covered = scene.ClassMasks[cls.Label - 1];
            if (!covered.Contains(true))
                continue; // as in the real corpus: no file for an absent part
            var path = CelebAMaskHqLayout.MaskPath(root, id, cls.Part);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = covered.Select(c => c ? (byte)255 : (byte)0).ToArray();
            using var mask = torch.tensor(bytes, [size, size, 1]);
            ImageIO.Write(path, mask);
        }
    }

    // A CelebA index inside the split SplitOf(id) names (CelebASplits' thresholds).
    private static int CelebAIndexOf(int id) =>
        SplitOf(id) switch
        {
            CelebASplit.Val => CelebASplits.FirstVal + id / 10,
            CelebASplit.Test => CelebASplits.FirstTest + id / 10,
            _ => id,
        };

    private static void WriteManifest(string root, ShapesOptions options, ShapesLook look)
    {
        var manifest = new
        {
            corpus = look.CorpusName,
            layout = "CelebAMask-HQ",
            count = options.Count,
            size = options.Size,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            classes = ShapesClasses.All.Select(c => new
            {
                name = c.Name,
                part = c.Part,
                label = c.Label,
            }),
        };
        File.WriteAllText(
            Path.Combine(root, look.ManifestFile),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>`dino corpus make shapes`; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request) => Make(root, request, ShapesLook.Classic);

    /// <summary>`dino corpus make` for the corpus of <paramref name="look"/>; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request, ShapesLook look)
    {
        ArgumentNullException.ThrowIfNull(look);
        var options = ShapesOptions.For(request);
        var reader = Write(root, options, look);
        return $"wrote {options.Count} {look.Title} pairs at {options.Size}² (seed {options.Seed}) to {reader.Root}: "
            + $"{reader.Ids(CelebASplit.Train).Count} train, {reader.Ids(CelebASplit.Val).Count} val, {reader.Ids(CelebASplit.Test).Count} test";
    }
}
