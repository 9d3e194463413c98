using Dino.Repro.Data.CelebA;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>
/// One split of a two-domain face corpus in memory with the ground truth a translation metric checks: each face's domain
/// and the factors it was drawn with (<see cref="FactorNames"/>, in their units). For the embedded corpus it can also draw
/// each face in the other domain — the same person, pose, expression, gaze and backdrop — the translation a perfect
/// method would make.
/// </summary>
public sealed class LabelledFaces : IDisposable
{
    /// <summary>The shared factors, in <see cref="Factors"/>' column order: degrees, degrees, 0 … 1, −1 … 1, −1 … 1.</summary>
    public static IReadOnlyList<string> FactorNames { get; } = ["yaw", "roll", "mouth", "gaze_x", "gaze_y"];

    private readonly string root;

    private LabelledFaces(string root, IReadOnlyList<TwoDomainFace> faces, Tensor images, Tensor classes, Tensor factors, int size)
    {
        this.root = root;
        Faces = faces;
        Images = images;
        Classes = classes;
        Factors = factors;
        Size = size;
    }

    /// <summary>What was drawn, one record per image, in <see cref="Images"/>' order.</summary>
    public IReadOnlyList<TwoDomainFace> Faces { get; }

    /// <summary>Faces float [N, 3, S, S] in [−1, 1], read as the AC-GAN reads them (<see cref="CelebAGenderCorpus.Load"/>).</summary>
    public Tensor Images { get; }

    /// <summary>Domains int64 [N]: 0 female-like, 1 male-like.</summary>
    public Tensor Classes { get; }

    /// <summary>Factors float [N, 5] in <see cref="FactorNames"/> order and units.</summary>
    public Tensor Factors { get; }

    public int Size { get; }
    public int Count => Faces.Count;

    /// <summary>
    /// The <paramref name="split"/> of the two-domain corpus <paramref name="corpus"/> at <paramref name="size"/>², at most
    /// <paramref name="limit"/> faces (the first ones of each domain, alternating, so both domains are present); an error naming
    /// the file when the corpus has no factors or they do not match its images.
    /// </summary>
    public static LabelledFaces Load(CelebAGenderCorpus corpus, CelebAGenderSplit split, int size, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var byFile = TwoDomainFacesFactors.Read(corpus.Root).ToDictionary(f => f.File, StringComparer.Ordinal);
        var images = Interleaved(corpus.Images(split)).Take(limit ?? int.MaxValue).ToArray();
        if (images.Length == 0)
            throw new InvalidDataException($"{corpus.Root}: the {split} split is empty");
        var faces = images
            .Select(i =>
                byFile.TryGetValue(i.File, out var face) && face.ClassId == i.ClassId
                    ? face
                    : throw new InvalidDataException(
                        $"{Path.Combine(corpus.Root, TwoDomainFacesFactors.FileName)}: no factors for {i.File} of class {i.ClassId}"
                    )
            )
            .ToArray();
        using var scope = torch.NewDisposeScope();
        var pixels = torch.stack(images.Select(i => CelebAGenderCorpus.Load(i, size)).ToArray(), 0);
        var classes = torch.tensor(faces.Select(f => (long)f.ClassId).ToArray(), [faces.Length]);
        var factors = torch.tensor(faces.SelectMany(FactorsOf).ToArray(), [faces.Length, FactorNames.Count]);
        return new LabelledFaces(
            corpus.Root,
            faces,
            pixels.MoveToOuterDisposeScope(),
            classes.MoveToOuterDisposeScope(),
            factors.MoveToOuterDisposeScope(),
            size
        );
    }

    /// <summary>
    /// Every face drawn in the other domain by the corpus' own renderer, read at <see cref="Size"/>² as the photos are (not
    /// JPEG-compressed): float [N, 3, S, S]. Only the embedded corpus can; its manifest gives the seed and size.
    /// </summary>
    public Tensor OtherDomainTruth()
    {
        var (seed, width, height) = TwoDomainFacesCorpus.ReadManifest(root);
        using var scope = torch.NewDisposeScope();
        var drawn = Faces.Select(face =>
        {
            var scene = TwoDomainFaceScene.Sample(seed, IndexOf(face.File));
            var hwc = scene.Render(width, height, 1 - face.ClassId).ToTensor();
            return ImageTensor.ToChw(ImageResampling.Photo(hwc, Size, Size));
        });
        return torch.stack(drawn.ToArray(), 0).MoveToOuterDisposeScope();
    }

    private static int IndexOf(string file) =>
        int.TryParse(Path.GetFileNameWithoutExtension(file), out var number) && number >= 1
            ? number - 1
            : throw new InvalidDataException($"'{file}' is not a CelebA image name (000001.jpg …)");

    private static IEnumerable<float> FactorsOf(TwoDomainFace f) => [(float)f.Yaw, (float)f.Roll, (float)f.Mouth, (float)f.GazeX, (float)f.GazeY];

    // The split lists females then males; alternating keeps both domains in a prefix.
    private static IEnumerable<CelebAGenderImage> Interleaved(IReadOnlyList<CelebAGenderImage> images)
    {
        var byClass = images.GroupBy(i => i.ClassId).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        for (var k = 0; byClass.Any(c => k < c.Count); k++)
            foreach (var c in byClass.Where(c => k < c.Count))
                yield return c[k];
    }

    public void Dispose()
    {
        Images.Dispose();
        Classes.Dispose();
        Factors.Dispose();
    }
}
