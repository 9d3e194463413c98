using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The training pairs of the image-to-image experiments (DINO, pix2pix) by corpus name: "shapes" is made on the
/// spot (once, cached under the data root, keyed by seed, count and size) and "celebamask-hq" is read where its
/// data-script put it. Both are read by the same CelebAMask-HQ reader.
/// </summary>
public static class ImageToImageData
{
    /// <summary>Seed of the corpus itself, separate from the training seed so runs with other seeds see the same data.</summary>
    public const long ShapesCorpusSeed = ShapesOptions.DefaultSeed;

    /// <summary>
    /// The training split as a shuffled batch source. Its decoded tensors come from <paramref name="cache"/> (default:
    /// the one under the data root) when an earlier run stored them, so PNGs are decoded once per corpus and size;
    /// unreadable samples stop the read or are skipped and reported, as <paramref name="badSamples"/> says.
    /// </summary>
    public static IBatchSource Open(string corpus, int resolution, int batchSize, long seed, int shapesCount,
        BadSamples? badSamples = null, DecodedTensorCache? cache = null)
    {
        // The Cityscapes-layout corpora are read by the Cityscapes reader (not through the decoded-tensor cache yet).
        if (corpus == ShapesStreetsCorpus.Name) return ShapesStreets(shapesCount, resolution).Batches("train", resolution, resolution, batchSize, seed);
        if (corpus == "cityscapes") return RealCityscapes().Batches("train", resolution, resolution, batchSize, seed);
        var reader = corpus switch
        {
            ShapesCorpus.Name => ShapesReader(shapesCount, Math.Max(64, resolution)),
            "celebamask-hq" => RealCelebAMaskHq(),
            _ => throw new ArgumentException($"unknown image-to-image corpus '{corpus}' (available: shapes, celebamask-hq, {ShapesStreetsCorpus.Name}, cityscapes)"),
        };
        var handling = badSamples ?? BadSamples.Throw;
        var key = TrainKey(corpus, reader, resolution, handling.Policy);
        var tensors = (cache ?? DecodedTensorCache.Default()).GetOrBuild(key,
            () => PairedBatches.Stack(reader.LoadAll(CelebASplit.Train, resolution, badSamples: handling, compact: true)), handling);
        return new ReportedBatches(CompactPairs.Widened(new ShuffledBatches(tensors, batchSize, seed)), handling.Report);
    }

    /// <summary>
    /// The cache key of the training split: the corpus folder and its mapping file (size and time: a re-prepared corpus
    /// gets a new key), the size, the condition encoding and the bad-sample policy (a skipping build must not stand
    /// in for a run that wants to stop at a bad file).
    /// </summary>
    public static DecodedCacheKey TrainKey(string corpus, CelebAMaskHqCorpus reader, int resolution, BadSamplePolicy policy)
    {
        var mapping = new FileInfo(Path.Combine(reader.Root, CelebAMaskHqLayout.MappingFile));
        var identity = $"{reader.Root}|{mapping.Length}|{mapping.LastWriteTimeUtc.Ticks}";
        return new DecodedCacheKey(corpus, identity, new Dictionary<string, string>
        {
            ["split"] = nameof(CelebASplit.Train),
            ["resolution"] = resolution.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["encoding"] = nameof(ConditionEncoding.PaletteImage),
            ["bad_samples"] = policy.ToString(),
            ["storage"] = "uint8-hwc",  // CompactPairs' layout: an entry stored otherwise is never read as this one
        });
    }

    /// <summary>
    /// The Shapes corpus of <paramref name="count"/> pairs for training at <paramref name="resolution"/>² (made once under
    /// the data root): the reader whose test split evaluations use, and whose <see cref="CelebAMaskHqCorpus.Root"/> is the
    /// cache key of anything trained on it.
    /// </summary>
    public static CelebAMaskHqCorpus Shapes(int count, int resolution) => ShapesReader(count, Math.Max(64, resolution));

    private static CelebAMaskHqCorpus ShapesReader(int count, int size)
    {
        var options = new ShapesOptions(count, size, ShapesCorpusSeed);
        var root = Path.Combine(KitPaths.DataRoot(), ShapesCorpus.Name, $"v{ShapesScene.Version}-seed{options.Seed}-n{count}-{size}px");
        MadeOnceFolder.Ensure(root, ShapesCorpus.ManifestFile, folder => ShapesCorpus.Write(folder, options));
        return new CelebAMaskHqCorpus(root);
    }

    /// <summary>The Shapes scenes in Cityscapes' layout (<see cref="ShapesStreetsCorpus"/>), made once under the data root like <see cref="Shapes"/>.</summary>
    public static CityscapesCorpus ShapesStreets(int count, int resolution)
    {
        var options = new ShapesOptions(count, Math.Max(64, resolution), ShapesCorpusSeed);
        var root = Path.Combine(KitPaths.DataRoot(), ShapesStreetsCorpus.Name, $"v{ShapesScene.Version}-seed{options.Seed}-n{count}-{options.Size}px");
        MadeOnceFolder.Ensure(root, ShapesStreetsCorpus.ManifestFile, temp => ShapesStreetsCorpus.Write(temp, options));
        return new CityscapesCorpus(root);
    }

    /// <summary>The real CelebAMask-HQ where data-scripts/celebamask-hq.sh put it.</summary>
    public static CelebAMaskHqCorpus RealCelebAMaskHq() => new(RequireRealCorpus("celebamask-hq"));

    /// <summary>The real Cityscapes where data-scripts/cityscapes.sh put it.</summary>
    public static CityscapesCorpus RealCityscapes() => new(RequireRealCorpus("cityscapes"));

    private static string RequireRealCorpus(string name)
    {
        var path = CorpusPaths.ExpectedPath(name);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{name} is not at {path}; fetch it with data-scripts/{name}.sh (or set DINO_DATA)");
        return path;
    }
}
