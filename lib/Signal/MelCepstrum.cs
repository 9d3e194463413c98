namespace Dino.Repro.Signal;

/// <summary>
/// Mel-cepstral analysis of one frame as SPTK 3.9's <c>mcep</c> computes it (Tokuda, Kobayashi, Masuko &amp; Imai
/// 1994, "Mel-generalized cepstral analysis"): the mel-cepstrum c̃(0..M) whose minimum-phase filter
/// H(z) = exp Σ c̃(m)·z̃⁻ᵐ, z̃⁻¹ = (z⁻¹ − α)/(1 − αz⁻¹), minimises the unbiased estimator of the log spectrum
/// E = (1/2π)∫ [exp R(ω) − R(ω) − 1] dω, R = log I_N(ω) − log |H(e^jω)|², by Newton–Raphson from the warped
/// FFT cepstrum. The iteration stops once the residual energy r(0) changes by less than the threshold (relatively),
/// not before min_iterations; after max_iterations the last estimate is returned, as SPTK does.
/// </summary>
public static class MelCepstrum
{
    /// <summary>c̃(0..order) of a windowed frame (SPTK input type 0); the frame length N is the FFT length.</summary>
    public static double[] Analyze(ReadOnlySpan<double> windowedFrame, int order, double alpha, MelCepstrumOptions? options = null)
    {
        if (windowedFrame.Length < 2 || windowedFrame.Length % 2 != 0)
            throw new ArgumentException($"mcep: the frame length (the FFT length) must be even and ≥ 2, got {windowedFrame.Length}", nameof(windowedFrame));
        for (var i = 0; i < windowedFrame.Length; i++)
        {
            if (!double.IsFinite(windowedFrame[i])) throw new ArgumentException($"mcep: frame sample {i} is {windowedFrame[i]}", nameof(windowedFrame));
        }
        return FromPeriodogram(MelCepstrumFourier.Periodogram(windowedFrame), order, alpha, options);
    }

    /// <summary>
    /// c̃(0..order) of a periodogram given by its bins 0..N/2 (SPTK input type 4); the FFT length is
    /// N = 2·(bins − 1). eps is added to every bin here too.
    /// </summary>
    public static double[] FromPeriodogram(ReadOnlySpan<double> periodogram, int order, double alpha, MelCepstrumOptions? options = null)
    {
        options ??= new MelCepstrumOptions();
        options.Validate();
        var half = periodogram.Length - 1;
        var n = 2 * half;
        if (half < 1) throw new ArgumentException($"mcep: the periodogram needs at least 2 bins (0..N/2), got {periodogram.Length}", nameof(periodogram));
        if (order < 0 || 2 * order >= n)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"mcep: the order must be in 0..{(n - 1) / 2} for an FFT length of {n}");
        if (!(Math.Abs(alpha) < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "mcep: the all-pass constant must satisfy |α| < 1");

        var power = new double[half + 1];
        var logPower = new double[half + 1];
        for (var k = 0; k <= half; k++)
        {
            power[k] = periodogram[k] + options.eps;
            if (!(power[k] > 0) || double.IsInfinity(power[k]))
                throw new ArgumentException($"mcep: periodogram bin {k} is {power[k]} after adding eps = {options.eps}; a log spectrum needs positive finite bins — raise eps", nameof(periodogram));
            logPower[k] = Math.Log(power[k]);
        }

        // Initial value: the FFT cepstrum of log I_N, halved at 0 and N/2 (log I_N = 2·Re log H), warped to the mel scale.
        var cepstrum = MelCepstrumFourier.EvenInverse(logPower, n);
        cepstrum[0] /= 2;
        cepstrum[half] /= 2;
        var mc = MelCepstrumWarping.Cepstrum(cepstrum, order, alpha);
        var previousEnergy = cepstrum[0];

        var allPass = new double[order + 1];   // 1, −α, α², …: the warped impulse of the constant term
        allPass[0] = 1;
        for (var i = 1; i <= order; i++) allPass[i] = -alpha * allPass[i - 1];

        var ratio = new double[half + 1];
        for (var iteration = 1; iteration <= options.max_iterations; iteration++)
        {
            // r(k): the warped autocorrelation of I_N / |H|², the gradient and Hessian of E in one sequence.
            var logMagnitude = MelCepstrumFourier.CosineSpectrum(MelCepstrumWarping.Cepstrum(mc, half, -alpha), n);
            for (var k = 0; k <= half; k++) ratio[k] = power[k] / Math.Exp(2 * logMagnitude[k]);
            var r = MelCepstrumWarping.Autocorrelation(MelCepstrumFourier.EvenInverse(ratio, n), 2 * order, alpha);

            var energy = r[0];
            if (iteration >= options.min_iterations)
            {
                if (Math.Abs((energy - previousEnergy) / energy) < options.threshold) break;
                previousEnergy = energy;
            }

            var gradient = new double[order + 1];
            for (var i = 0; i <= order; i++) gradient[i] = r[i] - allPass[i];
            var hankel = (double[])r.Clone();
            for (var i = 0; i <= 2 * order; i += 2) hankel[i] -= r[0];
            var toeplitz = r[..(order + 1)];
            for (var i = 2; i <= order; i += 2) toeplitz[i] += r[0];
            toeplitz[0] += r[0];

            var step = MelCepstrumNewtonSystem.Solve(toeplitz, hankel, gradient, iteration);
            for (var i = 0; i <= order; i++) mc[i] += step[i];
        }
        return mc;
    }
}
