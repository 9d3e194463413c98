namespace Dino.Repro.Signal;

/// <summary>
/// Mel-cepstral analysis as SPTK 3.9's <c>mcep</c> computes it (Tokuda, Kobayashi, Masuko &amp; Imai 1994,
/// "Mel-generalized cepstral analysis"): the mel-cepstrum c̃(0..M) whose minimum-phase filter
/// H(z) = exp Σ c̃(m)·z̃⁻ᵐ, z̃⁻¹ = (z⁻¹ − α)/(1 − αz⁻¹), minimises the unbiased estimator of the log spectrum
/// E = (1/2π)∫ [exp R(ω) − R(ω) − 1] dω, R = log I_N(ω) − log |H(e^jω)|², by Newton–Raphson from the warped
/// FFT cepstrum. Each frame stops once its residual energy r(0) changes by less than the threshold (relatively),
/// not before min_iterations; after max_iterations the last estimate is returned, as SPTK does. Frames are
/// independent; a batch only shares the FFTs and the warping products (one native call each per iteration).
/// </summary>
public static class MelCepstrum
{
    /// <summary>c̃(0..order) of one windowed frame (SPTK input type 0); the frame length N is the FFT length.</summary>
    public static double[] Analyze(ReadOnlySpan<double> windowedFrame, int order, double alpha, MelCepstrumOptions? options = null) =>
        Analyze(new[] { windowedFrame.ToArray() }, order, alpha, options)[0];

    /// <summary>c̃(0..order) of each windowed frame; all frames have the same length N, the FFT length.</summary>
    public static double[][] Analyze(IReadOnlyList<double[]> windowedFrames, int order, double alpha, MelCepstrumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(windowedFrames);
        if (windowedFrames.Count == 0)
            return Array.Empty<double[]>();
        var n = windowedFrames[0].Length;
        if (n < 2 || n % 2 != 0)
            throw new ArgumentException($"mcep: the frame length (the FFT length) must be even and ≥ 2, got {n}", nameof(windowedFrames));
        for (var f = 0; f < windowedFrames.Count; f++)
        {
            var frame = windowedFrames[f];
            if (frame.Length != n)
                throw new ArgumentException($"mcep: frame {f} has {frame.Length} samples, frame 0 has {n}", nameof(windowedFrames));
            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(frame[i]))
                    throw new ArgumentException($"mcep: frame {f}, sample {i} is {frame[i]}", nameof(windowedFrames));
            }
        }
        using var scope = torch.NewDisposeScope();
        var periodograms = MelCepstrumFourier.Periodogram(Stack(windowedFrames)).ToArray<double>();
        var bins = n / 2 + 1;
        return FromPeriodograms(
            Enumerable.Range(0, windowedFrames.Count).Select(f => periodograms[(f * bins)..((f + 1) * bins)]).ToList(),
            order,
            alpha,
            options
        );
    }

    /// <summary>
    /// c̃(0..order) of a periodogram given by its bins 0..N/2 (SPTK input type 4); the FFT length is
    /// N = 2·(bins − 1). eps is added to every bin here too.
    /// </summary>
    public static double[] FromPeriodogram(ReadOnlySpan<double> periodogram, int order, double alpha, MelCepstrumOptions? options = null) =>
        FromPeriodograms(new[] { periodogram.ToArray() }, order, alpha, options)[0];

    /// <summary>c̃(0..order) of each periodogram (bins 0..N/2, the same N for all).</summary>
    public static double[][] FromPeriodograms(IReadOnlyList<double[]> periodograms, int order, double alpha, MelCepstrumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(periodograms);
        options ??= new MelCepstrumOptions();
        options.Validate();
        if (periodograms.Count == 0)
            return Array.Empty<double[]>();
        var half = periodograms[0].Length - 1;
        var n = 2 * half;
        if (half < 1)
            throw new ArgumentException($"mcep: the periodogram needs at least 2 bins (0..N/2), got {periodograms[0].Length}", nameof(periodograms));
        if (order < 0 || 2 * order >= n)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"mcep: the order must be in 0..{(n - 1) / 2} for an FFT length of {n}");
        if (!(Math.Abs(alpha) < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "mcep: the all-pass constant must satisfy |α| < 1");

        var power = periodograms.Select((p, f) => Floored(p, f, half, options.Eps)).ToList();
        using var scope = torch.NewDisposeScope();
        var powerRows = Stack(power);
        var toMel = torch.tensor(MelCepstrumWarping.CepstrumMatrix(half + 1, order, alpha));
        var toLinear = torch.tensor(MelCepstrumWarping.CepstrumMatrix(order + 1, half, -alpha));
        var toWarpedLags = torch.tensor(MelCepstrumWarping.AutocorrelationMatrix(half + 1, 2 * order, alpha));

        // Initial value: the FFT cepstrum of log I_N, halved at 0 and N/2 (log I_N = 2·Re log H), warped to the mel scale.
        var halving = Enumerable.Repeat(1.0, half + 1).ToArray();
        halving[0] = halving[half] = 0.5;
        var cepstra = MelCepstrumFourier.EvenInverse(powerRows.log(), n) * torch.tensor(halving);
        var mc = Rows(cepstra.mm(toMel));
        var previousEnergy = cepstra.select(1, 0).contiguous().ToArray<double>();

        var allPass = new double[order + 1]; // 1, −α, α², …: the warped impulse of the constant term
        allPass[0] = 1;
        for (var i = 1; i <= order; i++)
            allPass[i] = -alpha * allPass[i - 1];

        var active = Enumerable.Range(0, power.Count).ToList();
        for (var iteration = 1; iteration <= options.MaxIterations && active.Count > 0; iteration++)
        {
            using var step = torch.NewDisposeScope();
            // r(k): the warped autocorrelation of I_N / |H|², the gradient and Hessian of E in one sequence.
            var logMagnitude = MelCepstrumFourier.CosineSpectrum(Stack(active.Select(f => mc[f]).ToList()).mm(toLinear), n);
            var ratio = powerRows.index_select(0, torch.tensor(active.Select(f => (long)f).ToArray())) / (logMagnitude * Scalars.Of(2)).exp();
            var lags = Rows(MelCepstrumFourier.EvenInverse(ratio, n).mm(toWarpedLags));
            var stillActive = new List<int>(active.Count);
            for (var a = 0; a < active.Count; a++)
            {
                var f = active[a];
                var r = lags[a];
                if (iteration >= options.MinIterations)
                {
                    if (Math.Abs((r[0] - previousEnergy[f]) / r[0]) < options.Threshold)
                        continue;
                    previousEnergy[f] = r[0];
                }
                NewtonStep(mc[f], r, allPass, iteration);
                stillActive.Add(f);
            }
            active = stillActive;
        }
        return mc;
    }

    /// <summary>Equal-length rows as one float64 tensor [rows, length].</summary>
    private static Tensor Stack(IReadOnlyList<double[]> rows)
    {
        var length = rows[0].Length;
        var flat = new double[rows.Count * length];
        for (var f = 0; f < rows.Count; f++)
            rows[f].CopyTo(flat, f * length);
        return torch.tensor(flat, new long[] { rows.Count, length });
    }

    /// <summary>A float64 tensor [rows, length] as managed rows.</summary>
    private static double[][] Rows(Tensor matrix)
    {
        var values = matrix.contiguous().ToArray<double>();
        var length = (int)matrix.size(1);
        return Enumerable.Range(0, (int)matrix.size(0)).Select(f => values[(f * length)..((f + 1) * length)]).ToArray();
    }

    /// <summary>Bins 0..N/2 plus eps; each must then be positive and finite for its logarithm.</summary>
    private static double[] Floored(double[] periodogram, int frame, int half, double eps)
    {
        if (periodogram.Length != half + 1)
            throw new ArgumentException(
                $"mcep: periodogram {frame} has {periodogram.Length} bins, periodogram 0 has {half + 1}",
                nameof(periodogram)
            );
        var power = new double[half + 1];
        for (var k = 0; k <= half; k++)
        {
            power[k] = periodogram[k] + eps;
            if (!(power[k] > 0) || double.IsInfinity(power[k]))
                throw new ArgumentException(
                    $"mcep: frame {frame}, periodogram bin {k} is {power[k]} after adding eps = {eps}; a log spectrum needs positive finite bins — "
                        + "raise eps",
                    nameof(periodogram)
                );
        }
        return power;
    }

    /// <summary>c̃ += (T + H)⁻¹·(r − (−α)ᵐ), with T and H built from r as SPTK's mcep builds them.</summary>
    private static void NewtonStep(double[] mc, double[] r, double[] allPass, int iteration)
    {
        var order = mc.Length - 1;
        var gradient = new double[order + 1];
        for (var i = 0; i <= order; i++)
            gradient[i] = r[i] - allPass[i];
        var hankel = (double[])r.Clone();
        for (var i = 0; i <= 2 * order; i += 2)
            hankel[i] -= r[0];
        var toeplitz = r[..(order + 1)];
        for (var i = 2; i <= order; i += 2)
            toeplitz[i] += r[0];
        toeplitz[0] += r[0];
        var step = MelCepstrumNewtonSystem.Solve(toeplitz, hankel, gradient, iteration);
        for (var i = 0; i <= order; i++)
            mc[i] += step[i];
    }
}
