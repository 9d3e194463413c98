using System.Globalization;
using Dino.Repro.Data.SpokenCaptions;

namespace Dino.Repro.Data.Oxford102;

/// <summary>
/// Reads Oxford-102 flowers with Reed et al.'s captions, as data-scripts/oxford-102.sh unpacks them into
/// <c>&lt;data root&gt;/oxford-102/raw</c>: <c>jpg/image_NNNNN.jpg</c> (1-based), <c>imagelabels.mat</c> (the 1×N double
/// array <c>labels</c>, class 1..102 per image, read by <see cref="MatFile"/>), and <c>cvpr2016_flowers/</c> with
/// <c>text_c10/class_CCCCC/image_NNNNN.txt</c> and the class lists trainvalclasses.txt (82 classes, 7,034 images) /
/// testclasses.txt (20 classes, 1,155 images). No bounding boxes: flowers are used whole. Class id = label − 1.
/// </summary>
public sealed class Oxford102Corpus : ICaptionedImageCorpus
{
    public const string CorpusName = "oxford-102";
    public const string ImageFolder = "jpg";
    public const string LabelsFile = "imagelabels.mat";
    public const string LabelsVariable = "labels";
    public const string CaptionsArchiveFolder = "cvpr2016_flowers";
    public const string CaptionFolder = "text_c10";

    private readonly CaptionedImage[] images;
    private readonly ClassSplits splits;

    public Oxford102Corpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        var captions = Path.Combine(Root, CaptionsArchiveFolder);
        if (!Directory.Exists(captions))
            throw new DirectoryNotFoundException(
                $"not an Oxford-102 folder: {captions} is missing (data-scripts/oxford-102.sh unpacks the captions there)"
            );
        var labels = ReadLabels(Path.Combine(Root, LabelsFile));
        ClassNames = Enumerable.Range(1, labels.Max()).Select(ClassName).ToArray();
        images = labels.Select((label, index) => Image(index + 1, label)).ToArray();
        splits = ClassSplits.Read(captions, ClassNames);
    }

    public static Oxford102Corpus OpenDefault()
    {
        var path = CorpusPaths.ExpectedPath(CorpusName);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{CorpusName} is not at {path}; fetch it with data-scripts/oxford-102.sh (or set DINO_DATA)");
        return new Oxford102Corpus(path);
    }

    public string Root { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public IReadOnlyList<CaptionedImage> All => images;

    public IReadOnlyList<CaptionedImage> Images(CaptionSplit split) => images.Where(i => splits.Contains(split, i.ClassName)).ToArray();

    /// <summary>The caption folder name of a 1-based label, e.g. <c>class_00077</c>.</summary>
    public static string ClassName(int label) => string.Create(CultureInfo.InvariantCulture, $"class_{label:D5}");

    /// <summary>The file name (without extension) of a 1-based image number, e.g. <c>image_00001</c>.</summary>
    public static string ImageName(int number) => string.Create(CultureInfo.InvariantCulture, $"image_{number:D5}");

    private CaptionedImage Image(int number, int label)
    {
        var path = Path.Combine(Root, ImageFolder, ImageName(number) + ".jpg");
        if (!File.Exists(path))
            throw new FileNotFoundException($"image {number} of {LabelsFile} not found: {path}", path);
        var key = $"{ClassName(label)}/{ImageName(number)}";
        var captions = CaptionFile.Read(Path.Combine(Root, CaptionsArchiveFolder, CaptionFolder, ClassName(label), ImageName(number) + ".txt"));
        return new CaptionedImage(key, path, label - 1, ClassName(label), captions, BoundingBox: null);
    }

    private static int[] ReadLabels(string path)
    {
        var array = MatFile.ReadVariable(path, LabelsVariable);
        if (array.Values.Length == 0)
            throw new InvalidDataException($"{Path.GetFullPath(path)}: '{LabelsVariable}' is empty");
        return array
            .Values.Select(
                (v, i) =>
                    v >= 1 && v == Math.Floor(v) && v <= 10_000
                        ? (int)v
                        : throw new InvalidDataException($"{Path.GetFullPath(path)}: label {i + 1} is {v}, not a class number ≥ 1")
            )
            .ToArray();
    }
}
