namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// SSIM (Wang et al. 2004, eq. 13) with an 11×11 Gaussian window σ = 1.5, K1 = 0.01, K2 = 0.03 and
/// population (not sample) covariances — skimage.metrics.structural_similarity(gaussian_weights=True,
/// sigma=1.5, use_sample_covariance=False, dataRange=R). skimage filters with reflected borders and then
/// averages the SSIM map over the interior (a 5-pixel border cropped); the window has radius 5, so the
/// interior is exactly the set of pixels whose window fits inside the image, and a valid convolution gives
/// the same numbers without any padding. Colour images: the mean over channels.
/// </summary>
public static class StructuralSimilarity
{
    private const int Radius = 5; // int(truncate·σ + 0.5) with skimage's truncate 3.5 and σ 1.5
    private const double Sigma = 1.5;
    private const double K1 = 0.01,
        K2 = 0.03;

    /// <summary>Images as [H, W] (grey) or [H, W, C] (channels last, as read from files), any numeric dtype.</summary>
    public static double Compute(Tensor reference, Tensor distorted, double dataRange = 255)
    {
        MetricInput.RequireSameShape(reference, distorted, "SSIM");
        if (reference.dim() is not (2 or 3))
            throw new ArgumentException($"SSIM takes [H, W] or [H, W, C] images, got shape [{string.Join(", ", reference.shape)}]");
        if (reference.size(0) <= 2 * Radius || reference.size(1) <= 2 * Radius)
            throw new ArgumentException($"SSIM needs images larger than {2 * Radius + 1}×{2 * Radius + 1}");
        MetricInput.RequireFinite(reference, "reference", "SSIM");
        MetricInput.RequireFinite(distorted, "distorted", "SSIM");
        using var scope = torch.NewDisposeScope();
        // [C, 1, H, W] so each channel is filtered alone.
        Tensor Planes(Tensor t) => (t.dim() == 2 ? t.unsqueeze(-1) : t).permute(2, 0, 1).unsqueeze(1).to(ScalarType.Float64);
        var x = Planes(reference);
        var y = Planes(distorted);
        var window = GaussianWindow();
        Tensor Filter(Tensor t) => torch.nn.functional.conv2d(t, window);

        var ux = Filter(x);
        var uy = Filter(y);
        var vx = Filter(x * x) - ux * ux;
        var vy = Filter(y * y) - uy * uy;
        var vxy = Filter(x * y) - ux * uy;
        // Explicit scalars held to the end: an implicit one (tensor + double) is freed by its finalizer, which TorchSharp
        // 0.107 lets run while the native call still reads it (a rare use-after-free seen under parallel tests).
        using Scalar two = 2.0,
            c1 = Math.Pow(K1 * dataRange, 2),
            c2 = Math.Pow(K2 * dataRange, 2);
        var map = (ux * uy * two + c1) * (vxy * two + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        return map.mean().ToDouble(); // equal-sized channels: the mean of per-channel means
    }

    /// <summary>The separable Gaussian of scipy.ndimage.gaussian_filter: exp(−x²/2σ²) on −5..5, normalised.</summary>
    private static Tensor GaussianWindow()
    {
        var taps = Enumerable.Range(-Radius, 2 * Radius + 1).Select(i => Math.Exp(-0.5 * i * i / (Sigma * Sigma))).ToArray();
        var total = taps.Sum();
        var g = torch.tensor(taps.Select(v => v / total).ToArray());
        return g.outer(g).view(1, 1, 2 * Radius + 1, 2 * Radius + 1);
    }
}
