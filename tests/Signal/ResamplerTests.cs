using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

public class ResamplerTests
{
    private static float[] Signal(int rate, double seconds, Func<double, double> f) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(n => (float)f((double)n / rate)).ToArray();

    /// <summary>10·log10(Σ ref² / Σ (ref − actual)²) over [from, to).</summary>
    private static double SnrDb(IReadOnlyList<float> reference, IReadOnlyList<float> actual, int from, int to)
    {
        double signal = 0,
            noise = 0;
        for (var i = from; i < to; i++)
        {
            signal += (double)reference[i] * reference[i];
            var e = (double)reference[i] - actual[i];
            noise += e * e;
        }
        return 10 * Math.Log10(signal / noise);
    }

    private static double Rms(float[] x, int from, int to) => Math.Sqrt(x[from..to].Average(v => (double)v * v));

    // A linear chirp sin(2π(f0·t + (f1 − f0)·t²/(2D))) sweeping f0 → f1 over D seconds: its value at any time is known.
    private static double Chirp(double t, double f0, double f1, double duration) =>
        Math.Sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration)));

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(8000, 16000)]
    [InlineData(44100, 16000)]
    [InlineData(22050, 16000)]
    [InlineData(16000, 22050)]
    public void A_sweep_through_the_pass_band_keeps_more_than_60_dB_snr(int from, int to)
    {
        const double seconds = 1.0;
        var top = 0.85 * Math.Min(from, to) / 2; // the pass band ends at 0.9 × the lower Nyquist
        var input = Signal(from, seconds, t => 0.9 * Chirp(t, 20, top, seconds));
        var output = Resampler.Resample(input, from, to);
        Assert.Equal((int)Math.Ceiling(input.Length * (double)to / from), output.Length);
        var expected = Signal(to, seconds, t => 0.9 * Chirp(t, 20, top, seconds));
        var margin = to / 20; // 50 ms at each end, where the zero padding outside the signal shows
        var snr = SnrDb(expected, output, margin, expected.Length - margin);
        Assert.True(snr > 60, $"{from} → {to}: in-band SNR {snr:F1} dB");
    }

    [Theory]
    [InlineData(16000, 8000, 4100)]
    [InlineData(16000, 8000, 5000)]
    [InlineData(16000, 8000, 7900)]
    [InlineData(44100, 16000, 8200)]
    [InlineData(44100, 16000, 15000)]
    [InlineData(44100, 16000, 21000)]
    [InlineData(22050, 16000, 9000)]
    public void A_tone_above_the_new_nyquist_is_attenuated_by_at_least_60_dB(int from, int to, double hz)
    {
        var input = Signal(from, 0.5, t => Math.Sin(2 * Math.PI * hz * t));
        var output = Resampler.Resample(input, from, to);
        var margin = to / 20;
        var attenuation = 20 * Math.Log10(Rms(input, from / 20, input.Length - from / 20) / Rms(output, margin, output.Length - margin));
        Assert.True(attenuation >= 60, $"{hz} Hz, {from} → {to}: attenuated by only {attenuation:F1} dB");
    }

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(44100, 16000)]
    [InlineData(8000, 16000)]
    [InlineData(22050, 16000)]
    public void The_designed_filter_stops_80_dB_beyond_the_new_nyquist(int from, int to)
    {
        // The kernel's continuous spectrum H(f) = ∫h(u)e^{−2πifu/f_in}du, from samples every ¼ input sample (good to
        // 2·f_in), over the stop band [lower Nyquist, 1.5·f_in] and the pass band [0, 0.9·lower Nyquist].
        const int oversample = 4;
        var resampler = new Resampler(from, to);
        var half = (int)Math.Ceiling(resampler.HalfWidth * oversample);
        var taps = Enumerable.Range(-half, 2 * half + 1).Select(m => resampler.Kernel((double)m / oversample) / oversample).ToArray();
        // h is even
        double Response(double hz) => Math.Abs(taps.Select((h, i) => h * Math.Cos(2 * Math.PI * hz * (i - half) / (oversample * from))).Sum());
        var stopEdge = Math.Min(from, to) / 2.0;
        var worst = Enumerable.Range(0, 3000).Select(i => Response(stopEdge + (1.5 * from - stopEdge) * i / 2999)).Max();
        Assert.True(20 * Math.Log10(worst) <= -80, $"{from} → {to}: stop band reaches {20 * Math.Log10(worst):F2} dB");
        var ripple = Enumerable.Range(0, 300).Select(i => Math.Abs(Response(0.9 * stopEdge * i / 299) - 1)).Max();
        Assert.True(ripple < 1e-4, $"{from} → {to}: pass-band ripple {ripple}");
    }

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(8000, 16000)]
    [InlineData(44100, 16000)]
    [InlineData(22050, 16000)]
    public void Dc_passes_with_gain_one(int from, int to)
    {
        var output = Resampler.Resample(Enumerable.Repeat(0.5f, from / 4).ToArray(), from, to);
        var resampler = new Resampler(from, to);
        var edge = (int)Math.Ceiling(resampler.HalfWidth * to / from) + 1;
        Assert.All(output[edge..^edge], v => Assert.Equal(0.5f, v, 6));
    }

    [Fact]
    public void Down_to_8k_and_back_keeps_a_band_limited_signal()
    {
        // Tones up to 3.5 kHz: inside the 0–3.6 kHz pass band of both conversions.
        double Tones(double t) =>
            0.3 * Math.Sin(2 * Math.PI * 220 * t) + 0.3 * Math.Sin(2 * Math.PI * 1375 * t + 1) + 0.2 * Math.Sin(2 * Math.PI * 3500 * t + 2);
        var input = Signal(16000, 1.0, Tones);
        var down = Resampler.Resample(input, 16000, 8000);
        var back = Resampler.Resample(down, 8000, 16000);
        Assert.Equal(input.Length, back.Length);
        var snr = SnrDb(input, back, 800, input.Length - 800);
        Assert.True(snr > 60, $"16k → 8k → 16k: SNR {snr:F1} dB");
        Close.All(Signal(8000, 1.0, Tones)[400..^400], down[400..^400], 2e-3, what: "the 8 kHz signal");
    }

    [Fact]
    public void Ratios_reduce_and_lengths_follow_ceil_n_L_over_M()
    {
        var r = new Resampler(44100, 16000);
        Assert.Equal((160, 441), (r.Up, r.Down));
        Assert.Equal(16000, r.OutputLength(44100));
        Assert.Equal(1, r.OutputLength(1));
        Assert.Equal(0, r.OutputLength(0));
        Assert.Equal(0.95 * 8000, r.CutoffHz, 9);
        Assert.Equal(800, r.TransitionHz, 9);
        Assert.Equal(0.1102 * (81 - 8.7), r.KaiserBeta, 12); // designed 1 dB above the 80 dB target
        Assert.Equal(new[] { 0.25f, -1f }, Resampler.Resample(new[] { 0.25f, -1f }, 16000, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(0, 16000));
        Assert.Throws<ArgumentException>(() => new Resampler(16000, 8000, new ResamplerOptions(PassbandEdge: 1.0)));
    }

    [Fact]
    public void Tensors_are_resampled_row_by_row_keeping_dtype_and_shape()
    {
        using var scope = NewDisposeScope();
        var batch = randn(new long[] { 2, 3, 1600 }, float64);
        var result = Resampler.Resample(batch, 16000, 22050);
        Assert.Equal(new long[] { 2, 3, 2205 }, result.shape);
        Assert.Equal(float64, result.dtype);
        var row = batch[1, 2].to(float32).ToArray<float>();
        Close.All(Resampler.Resample(row, 16000, 22050), result[1, 2].to(float32).ToArray<float>(), 0, what: "row [1, 2]");

        var stereo = new AudioBuffer(new[] { row, row.Select(v => -v).ToArray() }, 16000);
        var converted = Resampler.Resample(stereo, 8000);
        Assert.Equal((8000, 2, 800), (converted.SampleRate, converted.ChannelCount, converted.Length));
        Close.All(converted.Channels[0].Select(v => -v).ToArray(), converted.Channels[1], 0, what: "channels are independent");
    }
}
