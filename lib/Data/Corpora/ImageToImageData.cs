using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The corpora of the image-to-image experiments (DINO, pix2pix, BicycleGAN) on disk: the embedded ones made once under
/// the data root (keyed by seed, count and size), the real ones where their data-scripts put them; each is read by its
/// real counterpart's reader. Which corpus a name means is <see cref="CorpusRegistry"/>'s.
/// </summary>
public static class ImageToImageData
{
    /// <summary>Seed of the corpus itself, separate from the training seed so runs with other seeds see the same data.</summary>
    public const long ShapesCorpusSeed = ShapesOptions.DefaultSeed;

    /// <summary>
    /// The training split of <paramref name="corpus"/> (a corpus of <see cref="CorpusRegistry"/> with pairs) as a shuffled
    /// batch source; <paramref name="shapesCount"/> sizes an embedded one. Unreadable samples stop the read or are skipped
    /// and reported, as <paramref name="badSamples"/> says.
    /// </summary>
    public static IBatchSource Open(
        string corpus,
        int resolution,
        int batchSize,
        long seed,
        int shapesCount,
        BadSamples? badSamples = null,
        DecodedTensorCache? cache = null
    ) => CorpusRegistry.Paired(corpus).Training(shapesCount, resolution, batchSize, seed, badSamples ?? BadSamples.Throw, cache);

    /// <summary>
    /// The train split of a CelebAMask-HQ-layout corpus as shuffled batches whose decoded tensors come from
    /// <paramref name="cache"/> (default: the one under the data root) when an earlier run stored them, so PNGs are
    /// decoded once per corpus and size.
    /// </summary>
    public static IBatchSource CachedTrainBatches(
        string corpus,
        CelebAMaskHqCorpus reader,
        int resolution,
        int batchSize,
        long seed,
        BadSamples handling,
        DecodedTensorCache? cache
    )
    {
        var key = TrainKey(corpus, reader, resolution, handling.Policy);
        var tensors = (cache ?? DecodedTensorCache.Default()).GetOrBuild(
            key,
            () => PairedBatches.Stack(reader.LoadAll(CelebASplit.Train, resolution, badSamples: handling, compact: true)),
            handling
        );
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
        return new DecodedCacheKey(
            corpus,
            identity,
            new Dictionary<string, string>
            {
                ["split"] = nameof(CelebASplit.Train),
                ["resolution"] = resolution.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["encoding"] = nameof(ConditionEncoding.PaletteImage),
                ["bad_samples"] = policy.ToString(),
                ["storage"] = "uint8-hwc", // CompactPairs' layout: an entry stored otherwise is never read as this one
            }
        );
    }

    /// <summary>
    /// The Shapes corpus of <paramref name="count"/> pairs for training at <paramref name="resolution"/>² (made once under
    /// the data root): the reader whose test split evaluations use, and whose <see cref="CelebAMaskHqCorpus.Root"/> is the
    /// cache key of anything trained on it.
    /// </summary>
    public static CelebAMaskHqCorpus Shapes(int count, int resolution) => MadeInCelebAMaskHqLayout(ShapesLook.Classic, count, resolution);

    /// <summary>
    /// The same scenes in the multimodal look (<see cref="ShapesMultimodalCorpus"/>: many valid photos per label map),
    /// made once under the data root like <see cref="Shapes"/>.
    /// </summary>
    public static CelebAMaskHqCorpus ShapesMultimodal(int count, int resolution) =>
        MadeInCelebAMaskHqLayout(ShapesLook.Multimodal, count, resolution);

    /// <summary>
    /// The Shapes scenes in Cityscapes' layout (<see cref="ShapesStreetsCorpus"/>), made once under the data root like <see cref="Shapes"/>.
    /// </summary>
    public static CityscapesCorpus ShapesStreets(int count, int resolution) =>
        new(
            MadeShapes(ShapesStreetsCorpus.Name, ShapesStreetsCorpus.ManifestFile, ShapesLook.Classic, count, resolution, (folder, options) =>
                ShapesStreetsCorpus.Write(folder, options)
            )
        );

    private static CelebAMaskHqCorpus MadeInCelebAMaskHqLayout(ShapesLook look, int count, int resolution) =>
        new(MadeShapes(look.CorpusName, look.ManifestFile, look, count, resolution, (folder, options) => ShapesCorpus.Write(folder, options, look)));

    // Both layouts of the scenes, made once at no less than 64² (smaller sizes are resized from there) and keyed by the
    // look's version (the scene version included), seed, count and size.
    private static string MadeShapes(string corpus, string manifest, ShapesLook look, int count, int resolution, Action<string, ShapesOptions> write)
    {
        var options = new ShapesOptions(count, Math.Max(64, resolution), ShapesCorpusSeed);
        var root = Path.Combine(KitPaths.DataRoot(), corpus, $"{look.VersionTag}-seed{options.Seed}-n{count}-{options.Size}px");
        MadeOnceFolder.Ensure(root, manifest, folder => write(folder, options));
        return root;
    }

    /// <summary>The real CelebAMask-HQ where data-scripts/celebamask-hq.sh put it.</summary>
    public static CelebAMaskHqCorpus RealCelebAMaskHq() => new(RequireRealCorpus(CelebAMaskHqLayout.CorpusName));

    /// <summary>The real Cityscapes where data-scripts/cityscapes.sh put it.</summary>
    public static CityscapesCorpus RealCityscapes() => new(RequireRealCorpus(CityscapesCorpus.CorpusName));

    private static string RequireRealCorpus(string name)
    {
        var path = CorpusPaths.ExpectedPath(name);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{name} is not at {path}; fetch it with data-scripts/{name}.sh (or set DINO_DATA)");
        return path;
    }
}
