using Dino.Repro.Vision;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// How a captioned image becomes a network input (StackGAN-v2's transform, as the speech-to-image reference runs it):
/// crop around the bounding box where the corpus has one, resize the shorter side to <see cref="LoadSize"/> (keeping the
/// aspect ratio), take a <see cref="Size"/>² crop (random at train time, centred otherwise), flip left-right with
/// probability ½ when <see cref="RandomFlip"/>.
/// </summary>
/// <param name="Size">Side of the output (the reference: 256, its largest stage).</param>
/// <param name="LoadSize">Shorter side after resizing; null = int(Size·76/64), the reference's 304 for 256.</param>
public sealed record CaptionImageOptions(
    int Size = 256,
    int? LoadSize = null,
    bool RandomCrop = true,
    bool RandomFlip = true,
    bool CropToBoundingBox = true
)
{
    /// <summary>The side the shorter edge is resized to before cropping.</summary>
    public int ResizedSide => LoadSize ?? Size * 76 / 64;

    /// <summary>No randomness: centre crop, no flip (evaluation and tests).</summary>
    public static CaptionImageOptions Evaluation(int size) => new(size, RandomCrop: false, RandomFlip: false);

    public void Validate()
    {
        if (Size < 4)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "the image side must be at least 4 pixels");
        if (ResizedSide < Size)
            throw new ArgumentOutOfRangeException(nameof(LoadSize), ResizedSide, $"the resized side must be at least the crop size {Size}");
    }
}

/// <summary>Applies <see cref="CaptionImageOptions"/> to an image file (see there for the steps).</summary>
public static class CaptionImageTransform
{
    /// <summary>
    /// Reads <paramref name="image"/>'s file and returns float [3, Size, Size] in [-1, 1]. <paramref name="random"/> drives
    /// the crop and flip; it may be null only when both are off.
    /// </summary>
    public static Tensor Load(CaptionedImage image, CaptionImageOptions options, Random? random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if ((options.RandomCrop || options.RandomFlip) && random is null)
            throw new ArgumentNullException(nameof(random), "a random crop or flip needs a Random");
        using var scope = torch.NewDisposeScope();
        var hwc = ImageIO.Read(image.ImagePath, ImageReadMode.Rgb);
        if (options.CropToBoundingBox && image.BoundingBox is { } box)
        {
            var rect = BoundingBoxCrop.Around(box, (int)hwc.size(1), (int)hwc.size(0));
            hwc = hwc.narrow(0, rect.Top, rect.Height).narrow(1, rect.Left, rect.Width);
        }
        var (height, width) = ShorterSideTo((int)hwc.size(0), (int)hwc.size(1), options.ResizedSide);
        hwc = ImageResampling.Photo(hwc.contiguous(), height, width);
        var top = options.RandomCrop ? random!.Next(height - options.Size + 1) : CentredOffset(height, options.Size);
        var left = options.RandomCrop ? random!.Next(width - options.Size + 1) : CentredOffset(width, options.Size);
        hwc = hwc.narrow(0, top, options.Size).narrow(1, left, options.Size);
        if (options.RandomFlip && random!.NextDouble() < 0.5)
            hwc = hwc.flip(1);
        return ImageTensor.ToChw(hwc.contiguous()).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's Resize(int): the shorter side becomes <paramref name="side"/>, the longer int(side·long/short).</summary>
    public static (int Height, int Width) ShorterSideTo(int height, int width, int side) =>
        height <= width ? (side, (int)((long)side * width / height)) : ((int)((long)side * height / width), side);

    // torchvision's CenterCrop: int(round((n − size) / 2)).
    private static int CentredOffset(int length, int size) => (int)Math.Round((length - size) / 2.0, MidpointRounding.ToEven);
}
