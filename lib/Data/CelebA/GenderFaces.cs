using Dino.Repro.Data.Loading;

namespace Dino.Repro.Data.CelebA;

/// <summary>
/// One split of a CelebA-layout gender corpus in memory, for scoring: the faces as the AC-GAN reads them and their domain.
/// Both domains alternate (female, male, female, …) so any prefix holds both; a limit takes that many of each.
/// </summary>
public sealed class GenderFaces : IDisposable
{
    private GenderFaces(IReadOnlyList<CelebAGenderImage> files, Tensor images, Tensor classes, int size)
    {
        Files = files;
        Images = images;
        Classes = classes;
        Size = size;
    }

    /// <summary>The images read, in <see cref="Images"/>' order.</summary>
    public IReadOnlyList<CelebAGenderImage> Files { get; }

    /// <summary>Faces float [N, 3, S, S] in [−1, 1], read as the AC-GAN reads them (<see cref="CelebAGenderCorpus.Load"/>).</summary>
    public Tensor Images { get; }

    /// <summary>Domains int64 [N]: 0 female, 1 male.</summary>
    public Tensor Classes { get; }

    public int Size { get; }
    public int Count => Files.Count;

    /// <summary>
    /// The <paramref name="split"/> of <paramref name="corpus"/> at <paramref name="size"/>², at most <paramref name="perDomain"/>
    /// faces of each domain (the first in file order); an unreadable image is an error naming its file.
    /// </summary>
    public static GenderFaces Load(CelebAGenderCorpus corpus, CelebAGenderSplit split, int size, int? perDomain = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (perDomain is < 1)
            throw new ArgumentOutOfRangeException(nameof(perDomain), perDomain, "at least one face of each domain");
        var files = Interleaved(corpus.Images(split), perDomain ?? int.MaxValue).ToArray();
        if (files.Length == 0)
            throw new InvalidDataException($"{corpus.Root}: the {split} split is empty");
        using var scope = torch.NewDisposeScope();
        // The scope frees the faces already read if one stops the read.
        var images = torch.stack(files.Select(i => BadSamples.Throw.Read(i.ImagePath, () => CelebAGenderCorpus.Load(i, size))!).ToArray(), 0);
        var classes = torch.tensor(files.Select(f => (long)f.ClassId).ToArray(), [files.Length]);
        return new GenderFaces(files, images.MoveToOuterDisposeScope(), classes.MoveToOuterDisposeScope(), size);
    }

    // The split lists females then males; alternating keeps both domains in a prefix.
    private static IEnumerable<CelebAGenderImage> Interleaved(IReadOnlyList<CelebAGenderImage> images, int perDomain)
    {
        var byClass = images.GroupBy(i => i.ClassId).OrderBy(g => g.Key).Select(g => g.Take(perDomain).ToList()).ToList();
        for (var k = 0; byClass.Any(c => k < c.Count); k++)
            foreach (var c in byClass.Where(c => k < c.Count))
                yield return c[k];
    }

    public void Dispose()
    {
        Images.Dispose();
        Classes.Dispose();
    }
}
