namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>An object's box in pixels, as CUB's bounding_boxes.txt gives it: left, top, width, height.</summary>
public readonly record struct PixelBox(double X, double Y, double Width, double Height);

/// <summary>
/// One image of a captioned corpus: <paramref name="Key"/> is its path below <c>images/</c> (CUB) or <c>jpg/</c>
/// (Oxford-102) without extension, e.g. <c>001.Black_footed_Albatross/Black_Footed_Albatross_0046_18</c>, which is also
/// where its captions and utterances live. <paramref name="ClassId"/> is 0-based over all classes of the corpus.
/// </summary>
public sealed record CaptionedImage(
    string Key,
    string ImagePath,
    int ClassId,
    string ClassName,
    IReadOnlyList<string> Captions,
    PixelBox? BoundingBox
);

/// <summary>A corpus of images, each with a class and ten captions, split by class.</summary>
public interface ICaptionedImageCorpus
{
    /// <summary>The folder the corpus was read from.</summary>
    string Root { get; }

    /// <summary>Class folder names by class id.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every image, in the corpus' own order.</summary>
    IReadOnlyList<CaptionedImage> All { get; }

    /// <summary>The images of the classes in <paramref name="split"/>, in the corpus' own order.</summary>
    IReadOnlyList<CaptionedImage> Images(CaptionSplit split);
}
