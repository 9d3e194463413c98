using Dino.Repro.Data.Loading;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>A captioned image read through <see cref="CaptionImageTransform"/>: float [3, S, S] in [-1, 1].</summary>
public sealed record LoadedCaptionImage(CaptionedImage Image, Tensor Pixels) : IDisposable
{
    public void Dispose() => Pixels.Dispose();
}

/// <summary>Reading a split of a captioned corpus (CUB-200, Oxford-102) into memory.</summary>
public static class CaptionImages
{
    /// <summary>
    /// Every readable image of <paramref name="split"/>, in the corpus' order; an unreadable one (a corrupt or truncated
    /// JPEG) stops the read or is skipped and reported, as <paramref name="badSamples"/> says (default: stop).
    /// </summary>
    public static IReadOnlyList<LoadedCaptionImage> LoadImages(
        this ICaptionedImageCorpus corpus,
        CaptionSplit split,
        CaptionImageOptions options,
        Random? random,
        BadSamples? badSamples = null
    )
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var images = corpus.Images(split);
        if (images.Count == 0)
            throw new InvalidDataException($"{corpus.Root}: the {split} split is empty");
        var loaded = (badSamples ?? BadSamples.Throw).ReadAll(
            images,
            i => i.ImagePath,
            i => new LoadedCaptionImage(i, CaptionImageTransform.Load(i, options, random))
        );
        if (loaded.Count == 0)
            throw new InvalidDataException($"{corpus.Root}: every image of the {split} split was skipped as unreadable");
        return loaded;
    }
}
