using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

public class StftTests
{
    [Theory]
    [InlineData(400, null, null)] // torchaudio defaults: 400-point Hann, hop 200
    [InlineData(512, 300, 100)] // a window shorter than the FFT, zero-padded
    public void Stft_then_inverse_recovers_batched_signals(int nFft, int? win, int? hop)
    {
        using var scope = NewDisposeScope();
        var options = new StftOptions(nFft, win, hop);
        var signal = randn(2, 3, 4000);
        var spectrum = Stft.Complex(signal, options);
        Assert.Equal(new long[] { 2, 3, nFft / 2 + 1, options.FrameCount(4000) }, spectrum.shape);
        var back = Stft.Inverse(spectrum, options, length: 4000);
        Assert.Equal(signal.shape, back.shape);
        var error = (back - signal).abs().max().ToDouble();
        Assert.True(error < 1e-5, $"round-trip error {error}");
    }

    [Fact]
    public void Magnitude_power_and_phase_describe_the_complex_spectrum()
    {
        using var scope = NewDisposeScope();
        var signal = randn(new long[] { 1000 }, float64);
        var options = new StftOptions(128, HopLength: 32);
        var complex = Stft.Complex(signal, options);
        var magnitude = Stft.Magnitude(signal, options);
        Close.All(magnitude.square().ToArray<double>(), Stft.Power(signal, options).ToArray<double>(), 1e-9, what: "power = |X|²");
        var rebuilt = Stft.FromPolar(magnitude, Stft.Phase(signal, options));
        Close.All(
            view_as_real(complex).contiguous().ToArray<double>(),
            view_as_real(rebuilt).contiguous().ToArray<double>(),
            1e-9,
            what: "|X|e^{i∠X}"
        );
        Close.All(magnitude.sqrt().ToArray<double>(), Stft.Spectrogram(signal, 0.5, options).ToArray<double>(), 1e-9, what: "|X|^0.5");
    }

    [Fact]
    public void A_cosine_on_a_bin_has_the_closed_form_magnitude_and_phase()
    {
        using var scope = NewDisposeScope();
        const int n = 64,
            bin = 4,
            hop = 16;
        var x = tensor(Enumerable.Range(0, 1024).Select(i => Math.Cos(2 * Math.PI * bin * i / n)).ToArray());
        var options = new StftOptions(n, HopLength: hop);
        var magnitude = Stft.Magnitude(x, options)[bin].ToArray<double>();
        var phase = Stft.Phase(x, options)[bin].ToArray<double>();
        for (var t = 4; t < 60; t++)
        {
            // Frame t starts at t·hop − n/2; periodic Hann sums to n/2, and the cosine's e^{iθ} half carries 1/2 of it.
            Assert.Equal(n / 4.0, magnitude[t], 9);
            var theta = 2 * Math.PI * bin * (t * hop - n / 2) / n;
            Assert.Equal(0, Math.Sin(phase[t] - theta), 9);
            Assert.True(Math.Cos(phase[t] - theta) > 0);
        }
    }

    [Fact]
    public void A_short_window_is_zero_padded_centrally_as_a_direct_dft_says()
    {
        using var scope = NewDisposeScope();
        const int n = 64,
            win = 40,
            hop = 16,
            length = 300;
        var random = new Random(5);
        var x = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var power = Stft.Power(tensor(x), new StftOptions(n, win, hop)).ToArray<double>(); // [33, frames]
        var frames = 1 + length / hop;
        var expected = new double[(n / 2 + 1) * frames];
        for (var t = 0; t < frames; t++)
        for (var k = 0; k <= n / 2; k++)
        {
            double re = 0,
                im = 0;
            for (var m = 0; m < win; m++)
            {
                var w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * m / win); // periodic Hann
                var i = t * hop - n / 2 + (n - win) / 2 + m; // centred window inside the centred frame
                var sample = x[
                    i < 0 ? -i
                    : i >= length ? 2 * (length - 1) - i
                    : i
                ]; // reflect padding
                var angle = -2 * Math.PI * k * ((n - win) / 2 + m) / n;
                re += sample * w * Math.Cos(angle);
                im += sample * w * Math.Sin(angle);
            }
            expected[k * frames + t] = re * re + im * im;
        }
        Close.All(expected, power, 1e-9);
    }

    [Fact]
    public void Bad_framing_is_rejected_with_the_reason()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => Stft.Complex(randn(100), new StftOptions(64, WinLength: 80)));
        Assert.Contains("win_length", error.Message);
        Assert.Throws<ArgumentException>(() => Stft.Complex(randn(100), new StftOptions(64, HopLength: 0)));
    }
}
