using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.Data;

/// <summary>
/// The training pairs of the image-to-image experiments (DINO, pix2pix) by corpus name: "shapes" is made on the
/// spot (once, cached under the data root, keyed by seed, count and size) and "celebamask-hq" is read where its
/// data-script put it. Both are read by the same CelebAMask-HQ reader.
/// </summary>
public static class ImageToImageData
{
    /// <summary>Seed of the corpus itself, separate from the training seed so runs with other seeds see the same data.</summary>
    public const long ShapesCorpusSeed = ShapesOptions.DefaultSeed;

    public static IBatchSource Open(string corpus, int resolution, int batchSize, long seed, int shapesCount) => corpus switch
    {
        ShapesCorpus.Name => ShapesReader(shapesCount, Math.Max(64, resolution)).Batches(CelebASplit.Train, resolution, batchSize, seed),
        "celebamask-hq" => new CelebAMaskHqCorpus(RequireRealCorpus("celebamask-hq")).Batches(CelebASplit.Train, resolution, batchSize, seed),
        ShapesStreetsCorpus.Name => ShapesStreets(shapesCount, resolution).Batches("train", resolution, resolution, batchSize, seed),
        "cityscapes" => RealCityscapes().Batches("train", resolution, resolution, batchSize, seed),
        _ => throw new ArgumentException($"unknown image-to-image corpus '{corpus}' (available: shapes, celebamask-hq, {ShapesStreetsCorpus.Name}, cityscapes)"),
    };

    /// <summary>
    /// The Shapes corpus of <paramref name="count"/> pairs for training at <paramref name="resolution"/>² (made once under
    /// the data root): the reader whose test split evaluations use, and whose <see cref="CelebAMaskHqCorpus.Root"/> is the
    /// cache key of anything trained on it.
    /// </summary>
    public static CelebAMaskHqCorpus Shapes(int count, int resolution) => ShapesReader(count, Math.Max(64, resolution));

    private static CelebAMaskHqCorpus ShapesReader(int count, int size)
    {
        var options = new ShapesOptions(count, size, ShapesCorpusSeed);
        var root = Path.Combine(KitPaths.DataRoot(), ShapesCorpus.Name, $"seed{options.Seed}-n{count}-{size}px");
        if (File.Exists(Path.Combine(root, ShapesCorpus.ManifestFile))) return new CelebAMaskHqCorpus(root);
        // Made in a temporary sibling and renamed, so a killed run never leaves half a corpus that looks complete.
        var temp = root + $".{Guid.NewGuid():N}.tmp";
        ShapesCorpus.Write(temp, options);
        try
        {
            Directory.Move(temp, root);
        }
        catch (IOException) when (File.Exists(Path.Combine(root, ShapesCorpus.ManifestFile)))
        {
            Directory.Delete(temp, recursive: true);  // another process made it first
        }
        return new CelebAMaskHqCorpus(root);
    }

    /// <summary>The Shapes scenes in Cityscapes' layout (<see cref="ShapesStreetsCorpus"/>), made once under the data root like <see cref="Shapes"/>.</summary>
    public static CityscapesCorpus ShapesStreets(int count, int resolution)
    {
        var options = new ShapesOptions(count, Math.Max(64, resolution), ShapesCorpusSeed);
        var root = Path.Combine(KitPaths.DataRoot(), ShapesStreetsCorpus.Name, $"seed{options.Seed}-n{count}-{options.Size}px");
        MadeOnce.Folder(root, ShapesStreetsCorpus.ManifestFile, temp => ShapesStreetsCorpus.Write(temp, options));
        return new CityscapesCorpus(root);
    }

    /// <summary>The real Cityscapes where data-scripts/cityscapes.sh put it.</summary>
    public static CityscapesCorpus RealCityscapes() => new(RequireRealCorpus("cityscapes"));

    private static string RequireRealCorpus(string name)
    {
        var path = CorpusCatalog.ExpectedPath(name);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{name} is not at {path}; fetch it with data-scripts/{name}.sh (or set DINO_DATA)");
        return path;
    }
}
