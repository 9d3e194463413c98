using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>Interpolation of <see cref="Resize"/> (OpenCV's INTER_NEAREST, INTER_LINEAR, INTER_CUBIC, INTER_AREA).</summary>
public enum ResizeMode
{
    /// <summary>Output pixel (y, x) copies source pixel (floor(y·Hs/Hd), floor(x·Ws/Wd)), like PyTorch's "nearest".</summary>
    Nearest = 0,

    /// <summary>Bilinear with half-pixel centres (align_corners=False); uint8 uses 11-bit fixed point, so ±1 level.</summary>
    Bilinear = 1,

    /// <summary>Bicubic (a = -0.75), half-pixel centres.</summary>
    Bicubic = 2,

    /// <summary>Pixel-area averaging: the right choice for shrinking (exact block means at integer factors).</summary>
    Area = 3,
}

/// <summary>Resizes images with OpenCV's cv::resize, in either layout the kit uses.</summary>
public static class Resize
{
    /// <summary>
    /// Resizes an [H,W,C] / [H,W] (or batched [N,H,W,C]) uint8 or float32 image to <paramref name="height"/>×<paramref name="width"/>.
    /// </summary>
    public static Tensor Hwc(Tensor image, int height, int width, ResizeMode mode = ResizeMode.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"resize target must be positive, got {height}x{width}");
        var dims = image.dim();
        if (dims == 4)
            return EachInBatch(image, t => Hwc(t, height, width, mode));
        if (dims is not (2 or 3))
            throw new ArgumentException($"expected [H,W], [H,W,C] or [N,H,W,C], got {dims} dimensions", nameof(image));
        if (dims == 3 && image.size(2) > 4)
        {
            // OpenCV images have at most 4 channels here: resize wider stacks (e.g. one-hot maps) one plane at a time.
            using var scope = torch.NewDisposeScope();
            var planes = Enumerable.Range(0, (int)image.size(2)).Select(c => One(image.select(2, c), height, width, mode)).ToArray();
            return torch.stack(planes, 2).MoveToOuterDisposeScope();
        }
        return One(image, height, width, mode);
    }

    /// <summary>Resizes a float [C,H,W] (or [N,C,H,W]) image, e.g. a network input.</summary>
    public static Tensor Chw(Tensor image, int height, int width, ResizeMode mode = ResizeMode.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(image);
        var dims = image.dim();
        if (dims == 4)
            return EachInBatch(image, t => Chw(t, height, width, mode));
        if (dims != 3)
            throw new ArgumentException($"expected [C,H,W] or [N,C,H,W], got {dims} dimensions", nameof(image));
        using var scope = torch.NewDisposeScope();
        var hwc = image.permute(1, 2, 0).contiguous();
        return Hwc(hwc, height, width, mode).permute(2, 0, 1).contiguous().MoveToOuterDisposeScope();
    }

    // cv::resize of one [H,W,C] (C ≤ 4) or [H,W] uint8/float32 image; [H,W] stays two-dimensional.
    private static Tensor One(Tensor image, int height, int width, ResizeMode mode)
    {
        var interpolation = OpenCvTensors.Interpolation(mode);
        using var scope = torch.NewDisposeScope();
        var t = image.detach().cpu().contiguous();
        if (t.dtype is not (ScalarType.Byte or ScalarType.Float32))
            throw new ArgumentException($"resize takes uint8 or float32 images, got {t.dtype.TorchName()}", nameof(image));
        if (t.numel() == 0)
            throw new ArgumentException($"cannot resize an empty image [{string.Join(",", t.shape)}]", nameof(image));
        using var source = OpenCvTensors.Header(t, "resize");
        using var resized = new Mat();
        Cv2.Resize(source, resized, new OpenCvSharp.Size(width, height), 0, 0, interpolation);
        return OpenCvTensors.ToTensor(resized, dropChannels: t.dim() == 2).MoveToOuterDisposeScope();
    }

    private static Tensor EachInBatch(Tensor batch, Func<Tensor, Tensor> resize)
    {
        using var scope = torch.NewDisposeScope();
        var items = Enumerable.Range(0, (int)batch.size(0)).Select(i => resize(batch.select(0, i))).ToArray();
        return torch.stack(items, 0).MoveToOuterDisposeScope();
    }
}
