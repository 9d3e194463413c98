namespace Dino.Repro.Signal;

/// <summary>
/// The iteration settings of <see cref="MelCepstrum"/>, named after SPTK 3.9 <c>mcep</c>'s options and with its
/// defaults (-j 2, -i 30, -d 0.001, -e 0). ESPnet's MCD passes eps = 1e-6 (pysptk etype=1), see <see cref="Espnet"/>.
/// </summary>
/// <param name="Eps">Added to every periodogram bin before the logarithm (SPTK -e); keeps silent bins finite.</param>
/// <param name="MinIterations">Convergence is not tested before this iteration (SPTK -j).</param>
/// <param name="MaxIterations">Newton–Raphson iterations at most (SPTK -i); the last estimate is returned, as SPTK does.</param>
/// <param name="Threshold">Stop when the relative change of the residual energy r(0) falls below this (SPTK -d).</param>
public sealed record MelCepstrumOptions(double Eps = 0.0, int MinIterations = 2, int MaxIterations = 30, double Threshold = 0.001)
{
    /// <summary>pysptk.mcep(..., eps=1e-6, etype=1) as ESPnet's evaluate_mcd.py calls it; the rest SPTK's defaults.</summary>
    public static MelCepstrumOptions Espnet { get; } = new(Eps: 1e-6);

    internal void Validate()
    {
        if (!(Eps >= 0) || double.IsInfinity(Eps))
            throw new ArgumentOutOfRangeException(nameof(Eps), Eps, "mcep: eps must be a finite value ≥ 0");
        if (MinIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(MinIterations), MinIterations, "mcep: the minimum iteration count must be ≥ 1");
        if (MaxIterations < MinIterations)
            throw new ArgumentOutOfRangeException(
                nameof(MaxIterations),
                MaxIterations,
                $"mcep: the maximum iteration count must be ≥ the minimum ({MinIterations})"
            );
        if (!(Threshold >= 0) || double.IsInfinity(Threshold))
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "mcep: the threshold must be a finite value ≥ 0");
    }
}
