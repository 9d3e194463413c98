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

    private LabelledFaces(string root, GenderFaces split, IReadOnlyList<TwoDomainFace> drawn, Tensor factors)
    {
        this.root = root;
        Split = split;
        Drawn = drawn;
        Factors = factors;
    }

    /// <summary>The faces and their domains, as a real corpus' split is read (<see cref="GenderFaces"/>).</summary>
    public GenderFaces Split { get; }

    /// <summary>What was drawn, one record per image, in <see cref="Images"/>' order.</summary>
    public IReadOnlyList<TwoDomainFace> Drawn { get; }

    /// <summary>Faces float [N, 3, S, S] in [−1, 1], read as the AC-GAN reads them (<see cref="CelebAGenderCorpus.Load"/>).</summary>
    public Tensor Images => Split.Images;

    /// <summary>Domains int64 [N]: 0 female-like, 1 male-like.</summary>
    public Tensor Classes => Split.Classes;

    /// <summary>Factors float [N, 5] in <see cref="FactorNames"/> order and units.</summary>
    public Tensor Factors { get; }

    public int Size => Split.Size;
    public int Count => Split.Count;

    /// <summary>
    /// The <paramref name="split"/> of the two-domain corpus <paramref name="corpus"/> at <paramref name="size"/>², at most
    /// <paramref name="perDomain"/> faces of each domain (<see cref="GenderFaces.Load"/>); an error naming the file when the
    /// corpus has no factors or they do not match its images.
    /// </summary>
    public static LabelledFaces Load(CelebAGenderCorpus corpus, CelebAGenderSplit split, int size, int? perDomain = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var byFile = TwoDomainFacesFactors.Read(corpus.Root).ToDictionary(f => f.File, StringComparer.Ordinal);
        var faces = GenderFaces.Load(corpus, split, size, perDomain);
        try
        {
            var drawn = faces
                .Files.Select(i =>
                    byFile.TryGetValue(i.File, out var face) && face.ClassId == i.ClassId
                        ? face
                        : throw new InvalidDataException(
                            $"{Path.Combine(corpus.Root, TwoDomainFacesFactors.FileName)}: no factors for {i.File} of class {i.ClassId}"
                        )
                )
                .ToArray();
            var factors = torch.tensor(drawn.SelectMany(FactorsOf).ToArray(), [drawn.Length, FactorNames.Count]);
            return new LabelledFaces(corpus.Root, faces, drawn, factors.DetachFromDisposeScope());
        }
        catch
        {
            faces.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every face drawn in the other domain by the corpus' own renderer, read at <see cref="Size"/>² as the photos are (not
    /// JPEG-compressed): float [N, 3, S, S]. Only the embedded corpus can; its manifest gives the seed and size.
    /// </summary>
    public Tensor OtherDomainTruth()
    {
        var (seed, width, height) = TwoDomainFacesCorpus.ReadManifest(root);
        using var scope = torch.NewDisposeScope();
        var drawn = Drawn.Select(face =>
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

    public void Dispose()
    {
        Split.Dispose();
        Factors.Dispose();
    }
}
