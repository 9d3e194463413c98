namespace Dino.Repro.Signal;

/// <summary>
/// The iteration settings of <see cref="MelCepstrum"/>, named after SPTK 3.9 <c>mcep</c>'s options and with its
/// defaults (-j 2, -i 30, -d 0.001, -e 0). ESPnet's MCD passes eps = 1e-6 (pysptk etype=1), see <see cref="Espnet"/>.
/// </summary>
/// <param name="eps">Added to every periodogram bin before the logarithm (SPTK -e); keeps silent bins finite.</param>
/// <param name="min_iterations">Convergence is not tested before this iteration (SPTK -j).</param>
/// <param name="max_iterations">Newton–Raphson iterations at most (SPTK -i); the last estimate is returned, as SPTK does.</param>
/// <param name="threshold">Stop when the relative change of the residual energy r(0) falls below this (SPTK -d).</param>
public sealed record MelCepstrumOptions(double eps = 0.0, int min_iterations = 2, int max_iterations = 30, double threshold = 0.001)
{
    /// <summary>pysptk.mcep(..., eps=1e-6, etype=1) as ESPnet's evaluate_mcd.py calls it; the rest SPTK's defaults.</summary>
    public static MelCepstrumOptions Espnet { get; } = new(eps: 1e-6);

    internal void Validate()
    {
        if (!(eps >= 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "mcep: eps must be a finite value ≥ 0");
        if (min_iterations < 1) throw new ArgumentOutOfRangeException(nameof(min_iterations), min_iterations, "mcep: the minimum iteration count must be ≥ 1");
        if (max_iterations < min_iterations)
            throw new ArgumentOutOfRangeException(nameof(max_iterations), max_iterations, $"mcep: the maximum iteration count must be ≥ the minimum ({min_iterations})");
        if (!(threshold >= 0) || double.IsInfinity(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "mcep: the threshold must be a finite value ≥ 0");
    }
}
