namespace Dino.Repro.Vision;

/// <summary>The value range of float image tensors.</summary>
public enum PixelRange
{
    /// <summary>[-1, 1]: what tanh generators produce (normalise with mean 0.5, std 0.5).</summary>
    MinusOneToOne,

    /// <summary>[0, 1]: what torchvision's ToTensor produces.</summary>
    ZeroToOne,
}

/// <summary>
/// Converts between stored images (HWC integers, RGB order) and network tensors (CHW float32). Both
/// directions accept a leading batch dimension: [N,H,W,C] ↔ [N,C,H,W].
/// </summary>
public static class ImageTensor
{
    /// <summary>
    /// [H,W,C] (or [N,H,W,C]) uint8 → float32 [C,H,W] (or [N,C,H,W]) in <paramref name="range"/>. An int32 image is
    /// taken as 16-bit (0..65535).
    /// </summary>
    public static Tensor ToChw(Tensor hwc, PixelRange range = PixelRange.MinusOneToOne)
    {
        ArgumentNullException.ThrowIfNull(hwc);
        var max = hwc.dtype switch
        {
            ScalarType.Byte => 255.0,
            ScalarType.Int32 => 65535.0,
            var other => throw new ArgumentException($"images to convert are uint8 (or int32 for 16-bit), got {other.TorchName()}", nameof(hwc)),
        };
        var order = PermutationFromLast(hwc.dim(), nameof(hwc));
        using var scope = torch.NewDisposeScope();
        var x = hwc.to(ScalarType.Float32).permute(order).contiguous();
        var scaled = range == PixelRange.ZeroToOne ? x.div(Scalars.Of(max)) : x.div(Scalars.Of(max / 2)).sub(Scalars.Of(1.0));
        return scaled.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Float [C,H,W] (or [N,C,H,W]) in <paramref name="range"/> → uint8 [H,W,C] (or [N,H,W,C]): values outside the
    /// range are clamped, then rounded to the nearest level.
    /// </summary>
    public static Tensor ToHwc(Tensor chw, PixelRange range = PixelRange.MinusOneToOne)
    {
        ArgumentNullException.ThrowIfNull(chw);
        if (!chw.is_floating_point())
            throw new ArgumentException($"network images are floating point, got {chw.dtype.TorchName()}", nameof(chw));
        var order = PermutationToLast(chw.dim(), nameof(chw));
        using var scope = torch.NewDisposeScope();
        var x = chw.detach().to(ScalarType.Float32);
        var levels = range == PixelRange.ZeroToOne ? x.mul(Scalars.Of(255.0)) : x.add(Scalars.Of(1.0)).mul(Scalars.Of(127.5));
        var bytes = levels.round().clamp(Scalars.Of(0), Scalars.Of(255)).to(ScalarType.Byte).permute(order).contiguous();
        return bytes.MoveToOuterDisposeScope();
    }

    /// <summary>Stacks same-sized [C,H,W] images into [N,C,H,W].</summary>
    public static Tensor Batch(IReadOnlyList<Tensor> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
            throw new ArgumentException("cannot batch an empty list of images", nameof(images));
        var first = images[0].shape;
        for (var i = 1; i < images.Count; i++)
        {
            if (!images[i].shape.SequenceEqual(first))
                throw new ArgumentException(
                    $"image {i} has shape [{string.Join(",", images[i].shape)}] but image 0 has [{string.Join(",", first)}]",
                    nameof(images)
                );
        }
        return torch.stack(images, 0);
    }

    /// <summary>Reads an image file as float32 [3,H,W] RGB in <paramref name="range"/>.</summary>
    public static Tensor Load(string path, PixelRange range = PixelRange.MinusOneToOne)
    {
        using var hwc = ImageIO.Read(path, ImageReadMode.Rgb);
        return ToChw(hwc, range);
    }

    /// <summary>Writes a float [C,H,W] image in <paramref name="range"/> (PNG/JPEG by extension).</summary>
    public static void Save(string path, Tensor chw, PixelRange range = PixelRange.MinusOneToOne)
    {
        using var hwc = ToHwc(chw, range);
        ImageIO.Write(path, hwc);
    }

    // [..., H, W, C] → [..., C, H, W]
    private static long[] PermutationFromLast(long dims, string name) =>
        dims switch
        {
            3 => [2, 0, 1],
            4 => [0, 3, 1, 2],
            _ => throw new ArgumentException($"expected [H,W,C] or [N,H,W,C], got {dims} dimensions", name),
        };

    // [..., C, H, W] → [..., H, W, C]
    private static long[] PermutationToLast(long dims, string name) =>
        dims switch
        {
            3 => [1, 2, 0],
            4 => [0, 2, 3, 1],
            _ => throw new ArgumentException($"expected [C,H,W] or [N,C,H,W], got {dims} dimensions", name),
        };
}
