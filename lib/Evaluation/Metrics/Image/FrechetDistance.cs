using Dino.Repro.Evaluation.Metrics.Features;

namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Fréchet distance between two Gaussians fitted to features (FID when the features are Inception-v3 pool3):
/// d² = ‖μ₁ − μ₂‖² + tr(Σ₁) + tr(Σ₂) − 2 tr((Σ₁Σ₂)^½)   (Heusel et al. 2017, eq. 6).
/// tr((Σ₁Σ₂)^½) is computed stably in float64 as Σ √λᵢ of the symmetric PSD matrix Σ₁^½ Σ₂ Σ₁^½, which has
/// the same eigenvalues as Σ₁Σ₂; tiny negative eigenvalues from round-off are clipped to 0.
/// </summary>
public static class FrechetDistance
{
    public static double Compute(FeatureStatistics a, FeatureStatistics b)
    {
        if (!a.Mean.shape.SequenceEqual(b.Mean.shape))
            throw new ArgumentException($"feature sizes differ: {a.Mean.size(0)} vs {b.Mean.size(0)}");
        using var scope = torch.NewDisposeScope();
        var diff = a.Mean - b.Mean;
        var sqrtA = SymmetricSqrt(a.Covariance);
        var inner = sqrtA.mm(b.Covariance).mm(sqrtA);
        inner = (inner + inner.T) / Scalars.Of(2); // symmetric up to round-off; eigh wants it exact
        var (eigenvalues, _) = torch.linalg.eigh(inner);
        var traceSqrt = eigenvalues.clamp(min: Scalars.Of(0)).sqrt().sum();
        var traceA = a.Covariance.diag().sum();
        var traceB = b.Covariance.diag().sum();
        return (diff.dot(diff) + traceA + traceB - traceSqrt * Scalars.Of(2)).ToDouble();
    }

    public static double Compute(Tensor featuresA, Tensor featuresB)
    {
        using var a = FeatureStatistics.From(featuresA);
        using var b = FeatureStatistics.From(featuresB);
        return Compute(a, b);
    }

    /// <summary>The PSD square root of a symmetric matrix by eigen-decomposition.</summary>
    private static Tensor SymmetricSqrt(Tensor matrix)
    {
        var (values, vectors) = torch.linalg.eigh(matrix);
        return (vectors * values.clamp(min: Scalars.Of(0)).sqrt().unsqueeze(0)).mm(vectors.T);
    }
}
