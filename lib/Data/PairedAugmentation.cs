using Dino.Repro.Training;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Data;

/// <summary>
/// The training augmentation of the image-to-image references, applied identically to condition, target and labels of
/// each example: resize to the load size, with <see cref="CropProbability"/> a random crop of <see cref="CropFraction"/>
/// of it, resize back to the training size, then with <see cref="FlipProbability"/> a horizontal flip. Images are
/// resized bilinearly, label maps by nearest neighbour (so every label stays one of the input's).
/// </summary>
/// <param name="LoadScale">Load size over training size (pix2pix: 286/256).</param>
/// <param name="CropFraction">Crop side over load size (pix2pix: 256/286, the training size again; DINO: 0.9).</param>
/// <param name="CropProbability">Chance an example is cropped (pix2pix: 1; DINO: 0.5).</param>
/// <param name="FlipProbability">Chance an example is mirrored left–right (both: 0.5).</param>
public sealed record PairedAugmentation(double LoadScale, double CropFraction, double CropProbability, double FlipProbability)
{
    /// <summary>
    /// pix2pix and BicycleGAN (--preprocess resize_and_crop, load_size 286, crop_size 256, flip): resize to 286/256 of the size, crop the size back.
    /// </summary>
    public static PairedAugmentation Pix2Pix { get; } = new(286.0 / 256, 256.0 / 286, 1, 0.5);

    /// <summary>DINO (utils.py): with p = 0.5 a shared crop of 90 % × 90 % resized back to the size; with p = 0.5 a shared flip.</summary>
    public static PairedAugmentation Dino { get; } = new(1, 0.9, 0.5, 0.5);

    /// <summary>What one example gets: the crop window in the load-size image (null = none) and whether it is flipped.</summary>
    public sealed record Draw(int LoadSize, (int top, int left, int side)? Crop, bool Flip);

    /// <summary>The draw for one example of side <paramref name="size"/>, from three uniform numbers in [0, 1).</summary>
    public Draw DrawFor(int size, double cropCoin, double cropTop, double cropLeft, double flipCoin)
    {
        var load = (int)Math.Round(size * LoadScale);
        (int, int, int)? crop = null;
        if (cropCoin < CropProbability)
        {
            var side = Math.Clamp((int)Math.Round(load * CropFraction), 1, load);
            var range = load - side + 1; // offsets 0 … load − side, uniform, as random.randint(0, load − side)
            crop = ((int)(cropTop * range), (int)(cropLeft * range), side);
        }
        return new Draw(load, crop, flipCoin < FlipProbability);
    }

    /// <summary>Applies <paramref name="draw"/> to one image [C, H, W] (float) or label map [H, W] (integer), returning size × size.</summary>
    public static Tensor Apply(Tensor example, Draw draw, int size)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(draw);
        using var scope = torch.NewDisposeScope();
        var labels = example.dim() == 2;
        // Interpolate wants [N, C, H, W] floats; labels travel as one float channel and come back exact (nearest).
        var x = labels ? example.to(ScalarType.Float32).unsqueeze(0).unsqueeze(0) : example.unsqueeze(0);
        var mode = labels ? InterpolationMode.Nearest : InterpolationMode.Bilinear;
        x = Resize(x, draw.LoadSize, mode);
        if (draw.Crop is var (top, left, side))
            x = x.narrow(2, top, side).narrow(3, left, side);
        x = Resize(x, size, mode);
        if (draw.Flip)
            x = x.flip(3);
        var result = labels ? x.squeeze(0).squeeze(0).to(example.dtype) : x.squeeze(0);
        return result.contiguous().MoveToOuterDisposeScope();
    }

    private static Tensor Resize(Tensor x, int size, InterpolationMode mode)
    {
        if (x.size(2) == size && x.size(3) == size)
            return x;
        return mode == InterpolationMode.Nearest
            ? F.interpolate(x, size: new long[] { size, size }, mode: mode)
            : F.interpolate(x, size: new long[] { size, size }, mode: mode, align_corners: false);
    }
}
