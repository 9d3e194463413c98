namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>A pixel rectangle [Left, Right) × [Top, Bottom).</summary>
public readonly record struct PixelRect(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;
}

/// <summary>
/// The square crop around an object that StackGAN's loaders (and the speech-to-image reference) take from CUB birds:
/// half-side r = int(0.75·max(w, h)) (at least 10 px) around the box centre (int((2x + w)/2), int((2y + h)/2)),
/// clipped to the image, so a box near the border gives a non-square crop.
/// </summary>
public static class BoundingBoxCrop
{
    public const double HalfSideFactor = 0.75;
    public const int MinHalfSide = 10;

    public static PixelRect Around(PixelBox box, int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        // The reference reads the box as integers (pandas .astype(int) truncates) before this arithmetic.
        var (x, y, w, h) = ((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height);
        if (w <= 0 || h <= 0)
            throw new ArgumentException($"bounding box {box} has no area", nameof(box));
        var r = Math.Max((int)(Math.Max(w, h) * HalfSideFactor), MinHalfSide);
        var cx = (2 * x + w) / 2;
        var cy = (2 * y + h) / 2;
        var rect = new PixelRect(Math.Max(0, cx - r), Math.Max(0, cy - r), Math.Min(imageWidth, cx + r), Math.Min(imageHeight, cy + r));
        if (rect.Width <= 0 || rect.Height <= 0)
            throw new ArgumentException($"bounding box {box} lies outside the {imageWidth}x{imageHeight} image", nameof(box));
        return rect;
    }
}
