using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.Audio;

/// <summary>The DSP pieces of PESQ against closed forms: DFT sums, difference equations, the filter curves' points.</summary>
public class PesqSignalProcessingTests
{
    private static float[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void Fft_equals_the_dft_sum_and_inverts(int n)
    {
        var signal = Noise(2 * n, n);
        var x = (float[])signal.Clone();
        SinglePrecisionFft.Transform(x, n, inverse: false);
        for (var k = 0; k < n; k++)
        {
            double re = 0,
                im = 0;
            for (var t = 0; t < n; t++)
            {
                var angle = -2 * Math.PI * k * t / n;
                re += signal[2 * t] * Math.Cos(angle) - signal[2 * t + 1] * Math.Sin(angle);
                im += signal[2 * t] * Math.Sin(angle) + signal[2 * t + 1] * Math.Cos(angle);
            }
            Assert.Equal(re, x[2 * k], 1e-4 * n);
            Assert.Equal(im, x[2 * k + 1], 1e-4 * n);
        }
        SinglePrecisionFft.Transform(x, n, inverse: true);
        Close.All(signal, x, atol: 1e-5);
    }

    [Fact]
    public void Real_fft_keeps_the_first_half_of_the_spectrum_and_inverts()
    {
        const int n = 32;
        var signal = Noise(n, 3);
        var x = new float[n + 2];
        signal.CopyTo(x, 0);
        SinglePrecisionFft.RealForward(x, n);
        for (var k = 0; k <= n / 2; k++)
        {
            var re = Enumerable.Range(0, n).Sum(t => signal[t] * Math.Cos(2 * Math.PI * k * t / n));
            var im = -Enumerable.Range(0, n).Sum(t => signal[t] * Math.Sin(2 * Math.PI * k * t / n));
            Assert.Equal(re, x[2 * k], 1e-4);
            Assert.Equal(im, x[2 * k + 1], 1e-4);
        }
        SinglePrecisionFft.RealInverse(x, n);
        Close.All(signal, x[..n], atol: 1e-5);
    }

    [Fact]
    public void Fft_rejects_lengths_that_are_not_powers_of_two()
    {
        var error = Assert.Throws<ArgumentException>(() => SinglePrecisionFft.Transform(new float[24], 12, inverse: false));
        Assert.Contains("length 12 is not a power of two", error.Message);
    }

    [Fact]
    public void Cross_correlation_is_the_lagged_product_sum_and_peaks_at_the_delay()
    {
        var a = Noise(20, 5);
        var b = new float[26];
        Array.Copy(a, 0, b, 4, 20); // b is a delayed by 4
        var y = SinglePrecisionFft.CrossCorrelate(a, b);
        Assert.Equal(a.Length + b.Length - 1, y.Length);
        for (var i = 0; i < y.Length; i++)
        {
            // y[i] = Σ_t a[t] b[t + i − (|a| − 1)]
            double expected = 0;
            for (var t = 0; t < a.Length; t++)
            {
                var j = t + i - (a.Length - 1);
                if (j >= 0 && j < b.Length)
                    expected += a[t] * b[j];
            }
            Assert.Equal(expected, y[i], 1e-4);
        }
        Assert.Equal(a.Length - 1 + 4, Array.IndexOf(y, y.Max()));
    }

    [Fact]
    public void Biquad_cascade_follows_the_difference_equation()
    {
        float[] sections = { 0.5f, -0.3f, 0.2f, -0.9f, 0.4f, 1.1f, 0.1f, 0f, 0.25f, 0f };
        var x = Noise(200, 7);
        var y = (float[])x.Clone();
        BiquadCascade.FilterInPlace(y, sections);
        var expected = x.Select(v => (double)v).ToArray();
        for (var s = 0; s < sections.Length; s += 5)
        {
            var input = (double[])expected.Clone();
            for (var n = 0; n < input.Length; n++)
            {
                double At(double[] v, int i) => i >= 0 ? v[i] : 0;
                expected[n] =
                    sections[s] * input[n]
                    + sections[s + 1] * At(input, n - 1)
                    + sections[s + 2] * At(input, n - 2)
                    - sections[s + 3] * At(expected, n - 1)
                    - sections[s + 4] * At(expected, n - 2);
            }
        }
        Close.All(expected, y.Select(v => (double)v).ToArray(), atol: 1e-5);
    }

    [Theory]
    [InlineData(1000f, 12f)]
    [InlineData(200f, 0f)]
    [InlineData(180f, -3f)] // halfway between (160, −6) and (200, 0)
    [InlineData(3375f, 8f)] // halfway between (3250, 12) and (3500, 4)
    [InlineData(9000f, -200f)] // flat last segment extrapolated
    [InlineData(-25f, -280f)] // first segment (0, −200)–(50, −40), 3.2 dB/Hz, extrapolated
    public void Irs_receive_curve_interpolates_its_points_linearly(float hz, float db) => Assert.Equal(db, FilterCurve.IrsReceive.GainDb(hz), 4);

    [Fact]
    public void Curve_filter_scales_each_bin_by_its_gain_relative_to_1kHz()
    {
        // 4096 samples at 16 kHz: 3.90625 Hz bins, so 1 kHz (bin 256) and 199.21875 Hz (bin 51) fall on bins exactly.
        const int n = 4096,
            rate = 16000;
        var data = new float[n];
        for (var t = 0; t < n; t++)
            data[t] = (float)(Math.Sin(2 * Math.PI * 256 * t / n) + Math.Sin(2 * Math.PI * 51 * t / n));
        FilterCurve.IrsReceive.ApplyInPlace(data, 0, n, rate);
        // 199.21875 Hz lies on the (160, −6)–(200, 0) segment: −6 + 6·39.21875/40 dB, minus the 12 dB at 1 kHz.
        var low = Math.Pow(10, (-6 + 6 * 39.21875 / 40 - 12) / 20);
        for (var t = 0; t < n; t++)
        {
            var expected = Math.Sin(2 * Math.PI * 256 * t / n) + low * Math.Sin(2 * Math.PI * 51 * t / n);
            Assert.Equal(expected, data[t], 1e-4);
        }
    }

    [Fact]
    public void Level_alignment_brings_in_band_power_to_the_target_over_the_longer_signal()
    {
        var rate = PesqRate.For(8000);
        // A 1 kHz tone lies in the 350 Hz – 3.25 kHz pass band, so all its power counts.
        var tone = Enumerable.Range(0, 8000).Select(t => (float)(0.01 * Math.Sin(2 * Math.PI * 1000 * t / 8000.0))).ToArray();
        var signal = PesqSignal.FromSamples(tone, rate);
        const int longer = 12000 + 2 * 75 * 32; // as if the other signal held 12000 samples
        LevelAlignment.Apply(signal, longer, rate, "reference");
        var power = PesqSignal.MeanPower(signal.Data, 0, signal.Data.Length, longer - 2 * rate.SearchBuffer + rate.DataPadding);
        Assert.Equal(LevelAlignment.TargetPower, power, LevelAlignment.TargetPower * 2e-3);
    }

    [Fact]
    public void Magnitude_delay_finds_the_shift_of_the_degraded_copy()
    {
        var x = Noise(600, 11);
        var y = new float[600];
        Array.Copy(x, 0, y, 37, 563);
        var (delay, correlation) = BadIntervals.MagnitudeDelay(x, y, 100);
        Assert.Equal(37, delay);
        Assert.InRange(correlation, 0.85f, 1.0f);
        Assert.Equal((0, 0f), BadIntervals.MagnitudeDelay(x, new float[600], 100));
    }
}
