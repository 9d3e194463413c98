namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// Mean and covariance of a feature matrix (rows = samples) in float64, as pytorch-fid computes them:
/// μ = column means, Σ = numpy.cov(features, rowvar=False) (unbiased, N − 1).
/// </summary>
public sealed class FeatureStatistics : IDisposable
{
    public FeatureStatistics(Tensor mean, Tensor covariance, long count)
    {
        this.Mean = mean;
        this.Covariance = covariance;
        this.Count = count;
    }

    public Tensor Mean { get; }
    public Tensor Covariance { get; }
    public long Count { get; }

    public static FeatureStatistics From(Tensor features)
    {
        if (features.dim() != 2)
            throw new ArgumentException($"features must be [samples, dims], got shape [{string.Join(", ", features.shape)}]");
        var n = features.size(0);
        if (n < 2)
            throw new ArgumentException($"feature statistics need at least 2 samples, got {n}");
        using var scope = torch.NewDisposeScope();
        var x = features.to(ScalarType.Float64);
        if (!x.isfinite().all().ToBoolean())
            throw new ArgumentException("features contain NaN or infinite values");
        var mu = x.mean(new long[] { 0 });
        var centred = x - mu;
        var sigma = centred.T.mm(centred) / (Scalars.Of(n - 1));
        return new FeatureStatistics(mu.MoveToOuterDisposeScope(), sigma.MoveToOuterDisposeScope(), n);
    }

    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}
