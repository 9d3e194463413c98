using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Cityscapes;

/// <summary>One Cityscapes frame: its split, city and the stem shared by its files (e.g. "aachen_000000_000019").</summary>
public sealed record CityscapesFrame(string Split, string City, string Stem);

/// <summary>
/// Reads Cityscapes as it unpacks from leftImg8bit_trainvaltest.zip and gtFine_trainvaltest.zip:
/// <c>leftImg8bit/&lt;split&gt;/&lt;city&gt;/&lt;stem&gt;_leftImg8bit.png</c> photos (2048×1024) and
/// <c>gtFine/&lt;split&gt;/&lt;city&gt;/&lt;stem&gt;_gtFine_labelIds.png</c> label ids, mapped to the 19 train ids (255 ignore).
/// pix2pix's train set is Cityscapes train (2975), its test set Cityscapes val (500).
/// </summary>
public sealed class CityscapesCorpus
{
    /// <summary>The corpus's name in the registry and under the data root.</summary>
    public const string CorpusName = "cityscapes";

    public const string PhotoFolder = "leftImg8bit";
    public const string LabelFolder = "gtFine";

    public CityscapesCorpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        foreach (var folder in new[] { PhotoFolder, LabelFolder })
        {
            var path = Path.Combine(Root, folder);
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"not a Cityscapes folder: {path} is missing");
        }
    }

    public string Root { get; }

    public static Palette Palette => Palette.Cityscapes;

    /// <summary>The frames of a split ("train", "val", "test") that have a label file, in file-name order.</summary>
    public IReadOnlyList<CityscapesFrame> Frames(string split)
    {
        var folder = Path.Combine(Root, LabelFolder, split);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cityscapes split '{split}' not found: {folder}");
        const string suffix = "_gtFine_labelIds.png";
        return Directory
            .EnumerateFiles(folder, "*" + suffix, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new CityscapesFrame(split, Path.GetFileName(Path.GetDirectoryName(path)!), Path.GetFileName(path)[..^suffix.Length]))
            .ToArray();
    }

    public string PhotoPath(CityscapesFrame frame) => Path.Combine(Root, PhotoFolder, frame.Split, frame.City, frame.Stem + "_leftImg8bit.png");

    public string LabelIdsPath(CityscapesFrame frame) =>
        Path.Combine(Root, LabelFolder, frame.Split, frame.City, frame.Stem + "_gtFine_labelIds.png");

    /// <summary>Train ids (int64 [H,W], 255 = ignore) at the file's own size.</summary>
    public Tensor ReadTrainIds(CityscapesFrame frame)
    {
        using var labelIds = LabelMap.Read(LabelIdsPath(frame));
        return CityscapesLabels.ToTrainIds(labelIds);
    }

    /// <summary>
    /// One example at <paramref name="height"/>×<paramref name="width"/> (pix2pix: 256×256): labels nearest-resized,
    /// the photo area-resized into [-1,1], the condition drawn in the Cityscapes colours (ignore black) or one-hot.
    /// </summary>
    public PairedExample Load(CityscapesFrame frame, int height, int width, ConditionEncoding encoding = ConditionEncoding.PaletteImage)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var scope = torch.NewDisposeScope();
        var labels = ImageResampling.Labels(ReadTrainIds(frame), height, width);
        var photo = ImageTensor.ToChw(ImageResampling.Photo(ImageIO.Read(PhotoPath(frame), ImageReadMode.Rgb), height, width));
        var condition = ImageResampling.Condition(labels, Palette, encoding);
        return new PairedExample(frame.Stem, condition.MoveToOuterDisposeScope(), photo.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Every readable frame of a split (or of its first <paramref name="limit"/>) in file-name order; an unreadable one
    /// stops the read or is skipped and reported, as <paramref name="badSamples"/> says (default: stop).
    /// </summary>
    public IReadOnlyList<PairedExample> LoadAll(
        string split,
        int height,
        int width,
        ConditionEncoding encoding = ConditionEncoding.PaletteImage,
        int? limit = null,
        BadSamples? badSamples = null
    )
    {
        var frames = Frames(split).Take(limit ?? int.MaxValue).ToArray();
        if (frames.Length == 0)
            throw new InvalidDataException($"{Root}: the Cityscapes {split} split holds no labelled frame");
        var examples = (badSamples ?? BadSamples.Throw).ReadAll(frames, PhotoPath, f => Load(f, height, width, encoding));
        if (examples.Count == 0)
            throw new InvalidDataException($"{Root}: every frame of the Cityscapes {split} split was skipped as unreadable");
        return examples;
    }

    /// <summary>A split (or its first <paramref name="limit"/> frames) in memory as a shuffled batch source.</summary>
    public ShuffledBatches Batches(
        string split,
        int height,
        int width,
        int batchSize,
        long seed,
        ConditionEncoding encoding = ConditionEncoding.PaletteImage,
        int? limit = null,
        BadSamples? badSamples = null
    ) => PairedBatches.Create(LoadAll(split, height, width, encoding, limit, badSamples), batchSize, seed);
}
