using Dino.Repro.Vision;

namespace Dino.Repro.Data;

/// <summary>The resizing rules every image-to-image reader shares: photos smoothly, label maps by nearest only.</summary>
public static class ImageResampling
{
    /// <summary>
    /// Resizes a uint8 [H,W,3] photo: pixel-area averaging when shrinking (no aliasing from 1024² → 64²),
    /// bicubic when enlarging. Returns the input's own size unchanged as a copy.
    /// </summary>
    public static Tensor Photo(Tensor hwc, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(hwc);
        var shrinking = hwc.size(0) >= height && hwc.size(1) >= width;
        return Resize.Hwc(hwc, height, width, shrinking ? ResizeMode.Area : ResizeMode.Bicubic);
    }

    /// <summary>
    /// Resizes integer [H,W] labels (0..255) with nearest neighbour, so every output label is one of the input's
    /// (interpolating would invent labels between classes). Returns int64 [height,width].
    /// </summary>
    public static Tensor Labels(Tensor labels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        var bytes = labels.to(ScalarType.Byte).contiguous();
        return Resize.Hwc(bytes, height, width, ResizeMode.Nearest).to(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>Encodes int64 [H,W] labels as the network condition (palette image in [-1,1], or one-hot).</summary>
    public static Tensor Condition(Tensor labels, Palette palette, ConditionEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(palette);
        if (encoding == ConditionEncoding.PaletteImage)
        {
            using var colors = LabelMap.Colorize(labels, palette);
            return ImageTensor.ToChw(colors, PixelRange.MinusOneToOne);
        }
        var height = (int)labels.size(0);
        var width = (int)labels.size(1);
        var values = labels.to(ScalarType.Int64).ToArray<long>();
        var planes = new float[palette.Count * height * width];
        for (var i = 0; i < values.Length; i++)
        {
            var label = values[i];
            if (label >= 0 && label < palette.Count)
                planes[label * height * width + i] = 1f;
        }
        return torch.tensor(planes, [palette.Count, height, width]);
    }
}
