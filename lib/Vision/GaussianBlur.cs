using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Vision;

/// <summary>
/// Gaussian blur of image batches [N, C, H, W] (floating point): two separable 1-D passes with a normalised kernel of
/// radius ⌈3σ⌉, borders reflected. It makes the blur-augmented segmenter, which must read a blurred but correct
/// translation as its classes, so that blur and lost semantics can be told apart.
/// </summary>
public static class GaussianBlur
{
    /// <summary>The normalised kernel exp(−x²/2σ²)/Σ for x = −radius..radius, float64.</summary>
    public static double[] Kernel(double sigma, int radius)
    {
        if (!(sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-x * x / (2 * sigma * sigma))).ToArray();
        var sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }

    /// <summary>
    /// <paramref name="images"/> blurred with standard deviation <paramref name="sigma"/> pixels (0: an unchanged copy);
    /// the radius is capped below the image's side, as reflection needs.
    /// </summary>
    public static Tensor Apply(Tensor images, double sigma)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || !images.is_floating_point())
            throw new ArgumentException($"expected floating-point images [N, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}]");
        if (sigma == 0)
            return images.clone();
        var side = (int)Math.Min(images.size(2), images.size(3));
        var radius = Math.Min((int)Math.Ceiling(3 * sigma), side - 1);
        if (radius < 1)
            return images.clone();
        using var scope = torch.NewDisposeScope();
        var channels = images.size(1);
        var taps = 2L * radius + 1;
        var kernel = torch.tensor(Kernel(sigma, radius), dtype: images.dtype, device: images.device);
        var across = F.pad(images, [radius, radius, 0, 0], PaddingModes.Reflect);
        across = F.conv2d(across, kernel.view(1, 1, 1, taps).expand(channels, 1, 1, taps), groups: channels);
        var down = F.pad(across, [0, 0, radius, radius], PaddingModes.Reflect);
        return F.conv2d(down, kernel.view(1, 1, taps, 1).expand(channels, 1, taps, 1), groups: channels).MoveToOuterDisposeScope();
    }
}
