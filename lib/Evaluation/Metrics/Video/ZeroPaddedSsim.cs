namespace Dino.Repro.Evaluation.Metrics.Video;

/// <summary>
/// SSIM as Listen and Move's own code computes it (its <c>losses.SSIM</c>, the pytorch-ssim form): images in [0, 1], an
/// 11×11 Gaussian window (σ 1.5) per channel with zero padding 5, C1 = 0.01², C2 = 0.03², and the SSIM map averaged over
/// every pixel and channel — borders included, where scikit-image's SSIM crops them, so the two differ on small frames.
/// </summary>
public static class ZeroPaddedSsim
{
    public const int WindowSize = 11;
    public const double Sigma = 1.5;

    /// <summary>SSIM per image pair of [N, C, H, W] images in [0, 1] → [N] (float64).</summary>
    public static Tensor PerImage(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() != 4 || !x.shape.SequenceEqual(y.shape))
            throw new ArgumentException(
                $"SSIM compares [N, C, H, W] images of one shape, got [{string.Join(", ", x.shape)}] and [{string.Join(", ", y.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var a = x.to(ScalarType.Float64);
        var b = y.to(ScalarType.Float64);
        var channels = a.size(1);
        var window = Window(a.device).expand(channels, 1, WindowSize, WindowSize).contiguous();
        Tensor Blur(Tensor t) => nn.functional.conv2d(t, window, padding: [WindowSize / 2, WindowSize / 2], groups: channels);
        var (muA, muB) = (Blur(a), Blur(b));
        var (muA2, muB2, muAB) = (muA.mul(muA), muB.mul(muB), muA.mul(muB));
        var varA = Blur(a.mul(a)).sub(muA2);
        var varB = Blur(b.mul(b)).sub(muB2);
        var covariance = Blur(a.mul(b)).sub(muAB);
        var (c1, c2) = (Scalars.Of(0.01 * 0.01), Scalars.Of(0.03 * 0.03));
        var numerator = muAB.mul(Scalars.Of(2)).add(c1).mul(covariance.mul(Scalars.Of(2)).add(c2));
        var denominator = muA2.add(muB2).add(c1).mul(varA.add(varB).add(c2));
        return numerator.div(denominator).mean([1, 2, 3]).MoveToOuterDisposeScope();
    }

    // The normalised outer product of the 1-D Gaussian exp(−(i − 5)² / 2σ²), i = 0..10, as [1, 1, 11, 11].
    private static Tensor Window(Device device)
    {
        var g = Enumerable.Range(0, WindowSize).Select(i => Math.Exp(-Math.Pow(i - WindowSize / 2, 2) / (2 * Sigma * Sigma))).ToArray();
        var sum = g.Sum();
        var values = new double[WindowSize * WindowSize];
        for (var i = 0; i < WindowSize; i++)
        for (var j = 0; j < WindowSize; j++)
            values[i * WindowSize + j] = g[i] / sum * (g[j] / sum);
        return torch.tensor(values, [1, 1, WindowSize, WindowSize], device: device);
    }
}
