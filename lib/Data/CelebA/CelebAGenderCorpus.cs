using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.CelebA;

public enum CelebAGenderSplit
{
    Train,
    Test,
}

/// <summary>One aligned CelebA face and its class (<see cref="CelebAGenderCorpus.Female"/> or <see cref="CelebAGenderCorpus.Male"/>).</summary>
public sealed record CelebAGenderImage(string File, string ImagePath, int ClassId);

/// <summary>
/// CelebA as the two classes of the unsupervised AC-GAN translation (Dong et al.): the <c>Male</c> attribute of
/// list_attr_celeba.txt (−1 → class 0 female, +1 → class 1 male); within each class the first 80% of images in file
/// order train and the last 20% test, as the reference splits. Layout (data-scripts/celeba.sh, <c>&lt;data root&gt;/celeba/raw</c>):
/// <c>img_align_celeba/*.jpg</c> (178×218) and <c>list_attr_celeba.txt</c>.
/// </summary>
public sealed class CelebAGenderCorpus
{
    public const string CorpusName = "celeba";
    public const string ImageFolder = "img_align_celeba";
    public const string AttributesFile = "list_attr_celeba.txt";
    public const string GenderAttribute = "Male";
    public const int Female = 0,
        Male = 1;
    public const double TrainFraction = 0.8;

    /// <summary>Batch keys: images float [B, 3, S, S] in [-1, 1] and classes int64 [B].</summary>
    public const string ImageKey = "image",
        ClassKey = "class";

    private readonly CelebAGenderImage[] train,
        test;

    public CelebAGenderCorpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        var folder = Path.Combine(Root, ImageFolder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"not a CelebA folder: {folder} is missing (data-scripts/celeba.sh unpacks it there)");
        var attributesPath = Path.Combine(Root, AttributesFile);
        var attributes = CelebAAttributes.Read(attributesPath);
        if (!attributes.Names.Contains(GenderAttribute))
            throw new InvalidDataException($"{attributesPath}: no '{GenderAttribute}' attribute among {string.Join(", ", attributes.Names)}");
        var male = attributes.Column(GenderAttribute);
        var all = attributes
            .Files.Select((file, i) => new CelebAGenderImage(file, Path.Combine(folder, file), male[i] > 0 ? Male : Female))
            .ToArray();
        var byClass = new[] { Female, Male }.Select(c => all.Where(i => i.ClassId == c).ToArray()).ToArray();
        train = byClass.SelectMany(images => images.Take(TrainCount(images.Length))).ToArray();
        test = byClass.SelectMany(images => images.Skip(TrainCount(images.Length))).ToArray();
    }

    public static CelebAGenderCorpus OpenDefault()
    {
        var path = CorpusPaths.ExpectedPath(CorpusName);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{CorpusName} is not at {path}; fetch it with data-scripts/celeba.sh (or set DINO_DATA)");
        return new CelebAGenderCorpus(path);
    }

    public string Root { get; }

    /// <summary>How many of a class's <paramref name="count"/> images train: the first ⌊0.8·count⌋.</summary>
    public static int TrainCount(int count) => (int)Math.Floor(count * TrainFraction);

    /// <summary>The images of a split: females first, then males, each in file order.</summary>
    public IReadOnlyList<CelebAGenderImage> Images(CelebAGenderSplit split) => split == CelebAGenderSplit.Train ? train : test;

    /// <summary>One face squeezed to <paramref name="size"/>² (the reference resizes without keeping the aspect), float [3,S,S] in [-1,1].</summary>
    public static Tensor Load(CelebAGenderImage image, int size)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 4);
        using var scope = torch.NewDisposeScope();
        var hwc = ImageIO.Read(image.ImagePath, ImageReadMode.Rgb);
        return ImageTensor.ToChw(ImageResampling.Photo(hwc, size, size)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A split (at most <paramref name="perClassLimit"/> images of each class) in memory as a seeded, resumable batch source
    /// with <see cref="ImageKey"/> and <see cref="ClassKey"/>; an unreadable image stops the read or is skipped and reported,
    /// as <paramref name="badSamples"/> says (default: stop).
    /// </summary>
    public ShuffledBatches Batches(
        CelebAGenderSplit split,
        int size,
        int batchSize,
        long seed,
        int? perClassLimit = null,
        BadSamples? badSamples = null
    ) => new(Read(split, size, perClassLimit, badSamples), batchSize, seed);

    /// <summary>
    /// The split as batches holding as many faces of each class (the AC-GAN's 32 + 32 at batch 64), each class shuffled on
    /// its own; otherwise as <see cref="Batches"/>.
    /// </summary>
    public ClassBalancedBatches BalancedBatches(CelebAGenderSplit split, int size, int batchSize, long seed, BadSamples? badSamples = null) =>
        new(Read(split, size, perClassLimit: null, badSamples), ClassKey, batchSize, seed);

    private Dictionary<string, Tensor> Read(CelebAGenderSplit split, int size, int? perClassLimit, BadSamples? badSamples)
    {
        var chosen = Images(split).GroupBy(i => i.ClassId).SelectMany(g => g.Take(perClassLimit ?? int.MaxValue)).ToArray();
        if (chosen.Length == 0)
            throw new InvalidDataException($"{Root}: the {split} split is empty");
        var handling = badSamples ?? BadSamples.Throw;
        // The scope frees the faces already read if one stops the read.
        using var scope = torch.NewDisposeScope();
        var kept = chosen.Select(i => (Image: i, Face: handling.Read(i.ImagePath, () => Load(i, size)))).Where(r => r.Face is not null).ToArray();
        if (kept.Length == 0)
            throw new InvalidDataException($"{Root}: every image of the {split} split was skipped as unreadable");
        var images = torch.stack(kept.Select(r => r.Face!).ToArray(), 0);
        var classes = torch.tensor(kept.Select(r => (long)r.Image.ClassId).ToArray(), [kept.Length]);
        return new Dictionary<string, Tensor> { [ImageKey] = images.MoveToOuterDisposeScope(), [ClassKey] = classes.MoveToOuterDisposeScope() };
    }
}
