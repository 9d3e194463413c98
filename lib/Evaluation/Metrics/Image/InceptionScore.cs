namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Inception Score from class probabilities (rows = samples), as OpenAI's improved-GAN code: the rows are cut
/// into <c>splits</c> contiguous parts [i·N/splits, (i+1)·N/splits); per part
/// IS = exp(mean over rows of KL(p(y|x) ‖ p(y)))  (Salimans et al. 2016), p(y) the part's mean row;
/// the result is the mean and the population standard deviation over the parts.
/// </summary>
public static class InceptionScore
{
    public sealed record Result(double Mean, double Std, double[] PerSplit);

    public static Result Compute(Tensor probabilities, int splits = 10)
    {
        if (probabilities.dim() != 2)
            throw new ArgumentException("probabilities must be [samples, classes]");
        var n = probabilities.size(0);
        if (splits < 1 || splits > n)
            throw new ArgumentOutOfRangeException(nameof(splits), splits, $"splits must be in 1..{n}");
        using var scope = torch.NewDisposeScope();
        var p = probabilities.to(ScalarType.Float64);
        if ((p < Scalars.Of(0)).any().ToBoolean() || !p.isfinite().all().ToBoolean())
            throw new ArgumentException("probabilities must be finite and non-negative");
        var scores = new double[splits];
        for (var i = 0; i < splits; i++)
        {
            long start = i * n / splits,
                end = (i + 1) * n / splits;
            var part = p.narrow(0, start, end - start);
            var marginal = part.mean(new long[] { 0 }, keepdim: true);
            // Σ_c p (log p − log p(y)); 0·log 0 counts as 0 as in the reference.
            var kl = where(part > Scalars.Of(0), part * (part.log() - marginal.log()), torch.zeros_like(part)).sum(1);
            scores[i] = Math.Exp(kl.mean().ToDouble());
        }
        var mean = scores.Average();
        var std = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / splits);
        return new Result(mean, std, scores);
    }

    private static Tensor where(Tensor condition, Tensor a, Tensor b) => torch.where(condition, a, b);
}
