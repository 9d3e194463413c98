using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.CelebAMaskHq;

/// <summary>
/// Reads CelebAMask-HQ (or the embedded Shapes corpus, written in the same layout) as segmentation→photo pairs:
/// merged 19-label maps (nearest-resized), the symmetric palette, photos resized to the preset size.
/// </summary>
public sealed class CelebAMaskHqCorpus
{
    private readonly IReadOnlyDictionary<int, int> mapping;

    /// <param name="root">The folder holding CelebA-HQ-img/, CelebAMask-HQ-mask-anno/ and the mapping file.</param>
    public CelebAMaskHqCorpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        foreach (var folder in new[] { CelebAMaskHqLayout.PhotoFolder, CelebAMaskHqLayout.MaskFolder })
        {
            var path = Path.Combine(Root, folder);
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"not a CelebAMask-HQ folder: {path} is missing");
        }
        mapping = CelebASplits.ReadMapping(Path.Combine(Root, CelebAMaskHqLayout.MappingFile));
    }

    public string Root { get; }

    /// <summary>Labels are drawn in the symmetric palette DINO trains with.</summary>
    public static Palette Palette => Palette.CelebAMaskHq;

    /// <summary>The ids of one split, ascending.</summary>
    public IReadOnlyList<int> Ids(CelebASplit split) =>
        mapping.Where(kv => CelebASplits.Of(kv.Value) == split).Select(kv => kv.Key).Order().ToArray();

    /// <summary>The merged label map of <paramref name="id"/> at the masks' own size (int64 [H,W]).</summary>
    public Tensor ReadLabels(int id) => PartMaskMerger.Merge(Root, id);

    /// <summary>The photo of <paramref name="id"/> at its own size (uint8 [H,W,3]).</summary>
    public Tensor ReadPhoto(int id) => ImageIO.Read(CelebAMaskHqLayout.PhotoPath(Root, id), ImageReadMode.Rgb);

    /// <summary>One example at <paramref name="size"/>²: masks nearest, photo area/bicubic, photo in [-1,1].</summary>
    public PairedExample Load(int id, int size, ConditionEncoding encoding = ConditionEncoding.PaletteImage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        using var scope = torch.NewDisposeScope();
        var labels = ImageResampling.Labels(ReadLabels(id), size, size);
        var photo = ImageTensor.ToChw(ImageResampling.Photo(ReadPhoto(id), size, size));
        var condition = ImageResampling.Condition(labels, Palette, encoding);
        return new PairedExample(
            id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            condition.MoveToOuterDisposeScope(),
            photo.MoveToOuterDisposeScope(),
            labels.MoveToOuterDisposeScope()
        );
    }

    /// <summary>
    /// Every readable example of <paramref name="split"/> (or of its first <paramref name="limit"/> ids) in id order;
    /// an unreadable one stops the read or is skipped and reported, as <paramref name="badSamples"/> says (default: stop).
    /// With <paramref name="compact"/> each example is kept as 8-bit values as soon as it is read (<see cref="CompactPairs"/>),
    /// so that the whole real training split fits in memory.
    /// </summary>
    public IReadOnlyList<PairedExample> LoadAll(
        CelebASplit split,
        int size,
        ConditionEncoding encoding = ConditionEncoding.PaletteImage,
        int? limit = null,
        BadSamples? badSamples = null,
        bool compact = false
    )
    {
        var ids = Ids(split).Take(limit ?? int.MaxValue).ToArray();
        if (ids.Length == 0)
            throw new InvalidDataException($"{Root}: the {split} split is empty");
        var examples = (badSamples ?? BadSamples.Throw).ReadAll(ids, SampleFile, id =>
            compact ? CompactPairs.Compact(Load(id, size, encoding)) : Load(id, size, encoding)
        );
        if (examples.Count == 0)
            throw new InvalidDataException($"{Root}: every sample of the {split} split was skipped as unreadable");
        return examples;
    }

    // The photo that names a sample in a bad-sample report; unlike PhotoPath it never throws (the photo may be what is missing).
    private string SampleFile(int id)
    {
        var jpg = Path.Combine(Root, CelebAMaskHqLayout.PhotoFolder, $"{id}.jpg");
        var png = Path.ChangeExtension(jpg, ".png");
        return !File.Exists(jpg) && File.Exists(png) ? png : jpg;
    }

    /// <summary>
    /// Every example of <paramref name="split"/> (or the first <paramref name="limit"/>) in memory as a shuffled,
    /// resumable batch source ("A" condition, "B" photo, "labels").
    /// </summary>
    public ShuffledBatches Batches(
        CelebASplit split,
        int size,
        int batchSize,
        long seed,
        ConditionEncoding encoding = ConditionEncoding.PaletteImage,
        int? limit = null,
        BadSamples? badSamples = null
    ) => PairedBatches.Create(LoadAll(split, size, encoding, limit, badSamples), batchSize, seed);
}
