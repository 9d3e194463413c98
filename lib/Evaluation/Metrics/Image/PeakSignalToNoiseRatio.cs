namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// PSNR = 10·log10(R² / MSE) in dB with an explicit data range R (255 for 8-bit images, the papers' toolkits'
/// convention), the MSE over every pixel and channel in float64 — skimage.metrics.peak_signal_noise_ratio.
/// Identical images give +∞.
/// </summary>
public static class PeakSignalToNoiseRatio
{
    public static double Compute(Tensor reference, Tensor distorted, double dataRange = 255)
    {
        MetricInput.RequireSameShape(reference, distorted, "PSNR");
        if (dataRange <= 0)
            throw new ArgumentOutOfRangeException(nameof(dataRange), dataRange, "data range must be positive");
        MetricInput.RequireFinite(reference, "reference", "PSNR");
        MetricInput.RequireFinite(distorted, "distorted", "PSNR");
        using var scope = torch.NewDisposeScope();
        var diff = reference.to(ScalarType.Float64) - distorted.to(ScalarType.Float64);
        var mse = diff.square().mean().ToDouble();
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(dataRange * dataRange / mse);
    }
}
