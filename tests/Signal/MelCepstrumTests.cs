using System.Numerics;
using Dino.Repro.Signal;

namespace Dino.Repro.Tests.Signal;

/// <summary>
/// SPTK-style mel-cepstral analysis against closed forms computed here with direct DFT sums (no FFT, no warping
/// recursion): a frame whose power spectrum is exp(2·Σ c̃(m)·cos(m·β(ω))) — β the all-pass phase — gives c̃ back;
/// when the spectrum is not of order M the result is a stationary point of the UELS criterion; a gain changes c̃(0)
/// only; eps floors silence at ½·ln eps.
/// </summary>
public class MelCepstrumTests
{
    private static readonly double[] KnownCepstrum = { 0.7, 0.5, -0.3, 0.2, 0.1, -0.05, 0.03, 0.01, -0.005 };

    [Fact]
    public void Without_warping_a_minimum_phase_frame_gives_its_cepstrum_back()
    {
        // h = IDFT(exp(Σ c(m)·e^(−2πikm/N))) has |DFT(h)|² = exp(2·Σ c(m)·cos(2πkm/N)) exactly: the α = 0 model.
        const int n = 256;
        var spectrum = new Complex[n];
        for (var k = 0; k < n; k++)
        {
            Complex log = 0;
            for (var m = 0; m < KnownCepstrum.Length; m++)
                log += KnownCepstrum[m] * Complex.Exp(new Complex(0, -2 * Math.PI * k * m / n));
            spectrum[k] = Complex.Exp(log);
        }
        var frame = new double[n];
        for (var t = 0; t < n; t++)
        {
            Complex sum = 0;
            for (var k = 0; k < n; k++)
                sum += spectrum[k] * Complex.Exp(new Complex(0, 2 * Math.PI * k * t / n));
            frame[t] = sum.Real / n;
        }
        var mc = MelCepstrum.Analyze(frame, KnownCepstrum.Length - 1, alpha: 0);
        AssertClose(KnownCepstrum, mc, 1e-9);
    }

    [Theory]
    [InlineData(0.42)]
    [InlineData(0.55)]
    [InlineData(-0.3)]
    public void A_spectrum_with_a_known_mel_cepstrum_gives_it_back(double alpha)
    {
        const int n = 1024;
        var periodogram = ModelPeriodogram(KnownCepstrum, alpha, n);
        var mc = MelCepstrum.FromPeriodogram(periodogram, KnownCepstrum.Length - 1, alpha);
        AssertClose(KnownCepstrum, mc, 1e-7);
    }

    [Fact]
    public void A_spectrum_of_higher_order_gives_the_stationary_point_of_the_criterion()
    {
        // An order-30 envelope analysed at order 10: the answer is not the truncated model, so only the Newton
        // iterations reach it. At the minimum of E = (1/N)·Σ [exp R − R − 1], R = log P − 2·Σ c̃(m)·cos(m·β),
        // ∂E/∂c̃(m) = −(2/N)·Σ (exp R − 1)·cos(m·β) vanishes.
        const int n = 1024,
            order = 10;
        const double alpha = 0.42;
        var model = Enumerable.Range(0, 31).Select(m => m == 0 ? 1.0 : 0.8 * Math.Pow(0.85, m) * Math.Cos(1.3 * m)).ToArray();
        var periodogram = ModelPeriodogram(model, alpha, n);
        var options = new MelCepstrumOptions(Threshold: 0, MaxIterations: 40);
        var mc = MelCepstrum.FromPeriodogram(periodogram, order, alpha, options);

        var truncated = model[..(order + 1)];
        Assert.True(Gradient(truncated, periodogram, alpha).Max(Math.Abs) > 1e-3, "the truncated model must not already be the optimum");
        Assert.All(Gradient(mc, periodogram, alpha), g => Assert.True(Math.Abs(g) < 1e-9, $"gradient {g:G3} at the result"));
        Assert.True(Criterion(mc, periodogram, alpha) < Criterion(truncated, periodogram, alpha));

        // SPTK's default stop (relative change of r(0) below 0.001) lands next to the same point.
        AssertClose(mc, MelCepstrum.FromPeriodogram(periodogram, order, alpha), 1e-4);
    }

    [Fact]
    public void A_gain_changes_only_the_level_coefficient_by_its_logarithm()
    {
        // |H|² scales by g², so log|H| gains ln g: c̃(0) only, whatever α (the all-pass leaves constants alone).
        var random = new Random(7);
        var signal = Enumerable.Range(0, 1024 + 2 * 256 + 100).Select(t => Math.Sin(0.05 * t) + 0.3 * (random.NextDouble() - 0.5)).ToArray();
        const double gain = 3.5;
        var frames = MelCepstrumFrames.Compute(signal, 1024, 256, 23, 0.42);
        var louder = MelCepstrumFrames.Compute(signal.Select(s => gain * s).ToArray(), 1024, 256, 23, 0.42);
        Assert.Equal(3, frames.Length); // ⌊(1636 − 1024)/256⌋ + 1, no padding
        for (var f = 0; f < frames.Length; f++)
        {
            var expected = (double[])frames[f].Clone();
            expected[0] += Math.Log(gain);
            AssertClose(expected, louder[f], 1e-6);
        }
    }

    [Fact]
    public void Eps_floors_a_silent_frame_at_half_its_logarithm()
    {
        var mc = MelCepstrum.Analyze(new double[512], 12, 0.42, MelCepstrumOptions.Espnet);
        var expected = new double[13];
        expected[0] = 0.5 * Math.Log(1e-6);
        AssertClose(expected, mc, 1e-12);

        var error = Assert.Throws<ArgumentException>(() => MelCepstrum.Analyze(new double[512], 12, 0.42));
        Assert.Contains("raise eps", error.Message);
    }

    [Fact]
    public void The_window_is_sptks_hamming_with_unit_energy()
    {
        const int n = 1024;
        var window = MelCepstrumFrames.HammingPowerNormalised(n);
        var raw = Enumerable.Range(0, n).Select(i => 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (n - 1))).ToArray();
        var norm = Math.Sqrt(raw.Sum(w => w * w));
        AssertClose(raw.Select(w => w / norm).ToArray(), window, 1e-15);
        Assert.Equal(1.0, window.Sum(w => w * w), 1e-12);
    }

    [Fact]
    public void Bad_arguments_are_errors_that_name_the_problem()
    {
        var frame = new double[256];
        frame[3] = 1;
        Assert.Contains("must be even", Assert.Throws<ArgumentException>(() => MelCepstrum.Analyze(new double[255], 8, 0.42)).Message);
        Assert.Contains("order must be in 0..127", Assert.Throws<ArgumentOutOfRangeException>(() => MelCepstrum.Analyze(frame, 128, 0.42)).Message);
        Assert.Contains("|α| < 1", Assert.Throws<ArgumentOutOfRangeException>(() => MelCepstrum.Analyze(frame, 8, 1.0)).Message);
        Assert.Contains(
            "maximum iteration count",
            Assert
                .Throws<ArgumentOutOfRangeException>(() =>
                    MelCepstrum.Analyze(frame, 8, 0.42, new MelCepstrumOptions(MinIterations: 5, MaxIterations: 2))
                )
                .Message
        );
        frame[7] = double.NaN;
        Assert.Contains("frame 0, sample 7 is NaN", Assert.Throws<ArgumentException>(() => MelCepstrum.Analyze(frame, 8, 0.42)).Message);
        Assert.Contains(
            "fewer than one 1024-sample frame",
            Assert.Throws<ArgumentException>(() => MelCepstrumFrames.Compute(new double[1000], 1024, 256, 23, 0.42)).Message
        );
    }

    /// <summary>β(ω) = arg[(1 − α·e^(−jω)) / (e^(−jω) − α)], the phase of 1/z̃⁻¹ on the unit circle.</summary>
    private static double WarpedFrequency(double omega, double alpha)
    {
        var z = Complex.Exp(new Complex(0, -omega));
        return ((1 - alpha * z) / (z - alpha)).Phase;
    }

    /// <summary>log |H(e^jω)|² = 2·Σ c̃(m)·cos(m·β(ω)) at ω = 2πk/N.</summary>
    private static double LogPower(double[] mc, double alpha, double omega)
    {
        var beta = WarpedFrequency(omega, alpha);
        var sum = 0.0;
        for (var m = 0; m < mc.Length; m++)
            sum += mc[m] * Math.Cos(m * beta);
        return 2 * sum;
    }

    private static double[] ModelPeriodogram(double[] mc, double alpha, int n) =>
        Enumerable.Range(0, n / 2 + 1).Select(k => Math.Exp(LogPower(mc, alpha, 2 * Math.PI * k / n))).ToArray();

    /// <summary>The residual R(ω_k) over all N bins (the periodogram is even: bin N − k is bin k).</summary>
    private static double[] Residual(double[] mc, double[] periodogram, double alpha)
    {
        var n = 2 * (periodogram.Length - 1);
        return Enumerable.Range(0, n).Select(k => Math.Log(periodogram[k <= n / 2 ? k : n - k]) - LogPower(mc, alpha, 2 * Math.PI * k / n)).ToArray();
    }

    private static double Criterion(double[] mc, double[] periodogram, double alpha) =>
        Residual(mc, periodogram, alpha).Average(r => Math.Exp(r) - r - 1);

    private static double[] Gradient(double[] mc, double[] periodogram, double alpha)
    {
        var residual = Residual(mc, periodogram, alpha);
        var n = residual.Length;
        return Enumerable
            .Range(0, mc.Length)
            .Select(m =>
                -2.0 / n * Enumerable.Range(0, n).Sum(k => (Math.Exp(residual[k]) - 1) * Math.Cos(m * WarpedFrequency(2 * Math.PI * k / n, alpha)))
            )
            .ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
                throw new Xunit.Sdk.XunitException($"coefficient {i}: expected {expected[i]:G12}, got {actual[i]:G12} (tolerance {tolerance:G3})");
        }
    }
}
