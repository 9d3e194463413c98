using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

public class SpectralTests
{
    // ---- windows -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Windows_follow_their_formulas(bool periodic)
    {
        using var scope = NewDisposeScope();
        const int n = 9;
        double m = periodic ? n : n - 1; // a periodic window is the symmetric one of length n+1 without its last point
        double C(int k, double mult) => Math.Cos(mult * Math.PI * k / m);
        var hann = Enumerable.Range(0, n).Select(k => 0.5 - 0.5 * C(k, 2)).ToArray();
        var blackman = Enumerable.Range(0, n).Select(k => 0.42 - 0.5 * C(k, 2) + 0.08 * C(k, 4)).ToArray();
        Close.All(hann, hann_window(n, periodic, dtype: float64).ToArray<double>(), 1e-12, what: "hann");
        Close.All(blackman, blackman_window(n, periodic, dtype: float64).ToArray<double>(), 1e-12, what: "blackman");
        Assert.Equal(ScalarType.Float32, hann_window(4).dtype);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hamming_window_in_float64_follows_its_formula(bool periodic)
    {
        // TorchSharp 0.107's hamming_window takes alpha/beta as float (0.54f, 0.46f), so its float64 window is off by
        // ~1.3e-8 (w[0] = 0.0800000131); the kit's Stft.HammingWindow computes float64 windows itself (MelCepstrumFrames
        // uses it), so the exact-coefficient assertion is on the kit's window.
        using var scope = NewDisposeScope();
        const int n = 9;
        double m = periodic ? n : n - 1;
        var hamming = Enumerable.Range(0, n).Select(k => 0.54 - 0.46 * Math.Cos(2 * Math.PI * k / m)).ToArray();
        Close.All(hamming, Dino.Repro.Signal.Stft.HammingWindow(n, periodic, float64).ToArray<double>(), 1e-15, what: "hamming");
        // In float32 TorchSharp's float coefficients are exact enough, and the kit uses them.
        Close.All(
            hamming.Select(v => (float)v).ToArray(),
            Dino.Repro.Signal.Stft.HammingWindow(n, periodic).ToArray<float>(),
            1e-6,
            what: "hamming float32"
        );
    }

    // ---- FFT ---------------------------------------------------------------------------------------

    private static Tensor Sine(int n, int bin, double amplitude, ScalarType dtype = ScalarType.Float64) =>
        tensor(Enumerable.Range(0, n).Select(k => amplitude * Math.Sin(2 * Math.PI * bin * k / n)).ToArray(), dtype: dtype);

    [Fact]
    public void Rfft_of_a_pure_sine_peaks_at_its_bin_with_the_closed_form_magnitude()
    {
        using var scope = NewDisposeScope();
        const int n = 64,
            bin = 5;
        const double amplitude = 2;
        var spectrum = fft.rfft(Sine(n, bin, amplitude));
        Assert.Equal(new long[] { n / 2 + 1 }, spectrum.shape);
        var magnitude = spectrum.abs().ToArray<double>();
        var expected = new double[n / 2 + 1];
        expected[bin] = amplitude * n / 2; // A·sin splits into two exponentials of weight A/2, each summed n times
        Close.All(expected, magnitude, 1e-9);
        // sin is -i/2 (e^{iwt} - e^{-iwt}): the peak is purely imaginary and negative.
        var pair = view_as_real(spectrum)[bin].ToArray<double>();
        Close.All(new[] { 0, -amplitude * n / 2 }, pair, 1e-9);
        // "ortho" scales by 1/sqrt(n).
        Assert.Equal(amplitude * Math.Sqrt(n) / 2, fft.rfft(Sine(n, bin, amplitude), norm: FFTNormType.Ortho).abs()[bin].item<double>(), 9);
    }

    [Fact]
    public void Inverse_transforms_recover_the_signal()
    {
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 3, 16 }, float64);
        Close.All(x.ToArray<double>(), fft.irfft(fft.rfft(x)).ToArray<double>(), 1e-12, what: "irfft(rfft(x))");
        var full = fft.fft_(x);
        Assert.Equal(ScalarType.ComplexFloat64, full.dtype);
        var back = view_as_real(fft.ifft(full))[TensorIndex.Ellipsis, 0];
        Close.All(x.ToArray<double>(), back.contiguous().ToArray<double>(), 1e-12, what: "ifft(fft(x))");
        // The first n/2+1 bins of a real signal's full FFT are its rfft.
        Close.All(view_as_real(fft.rfft(x)).ToArray<double>(), view_as_real(full[.., ..9]).contiguous().ToArray<double>(), 1e-12);
        // An odd length needs n to come back.
        var odd = randn(new long[] { 7 }, float64);
        Close.All(odd.ToArray<double>(), fft.irfft(fft.rfft(odd), n: 7).ToArray<double>(), 1e-12, what: "odd length");
    }

    [Fact]
    public void Complex_and_real_pair_views_round_trip()
    {
        using var scope = NewDisposeScope();
        var pairs = randn(4, 2);
        var complex = view_as_complex(pairs);
        Assert.Equal(ScalarType.ComplexFloat32, complex.dtype);
        Assert.Equal(new long[] { 4 }, complex.shape);
        Assert.True(view_as_real(complex).Equals(pairs));
        // Both are views of one storage: scaling the complex view scales the pairs.
        var before = pairs.ToArray<float>();
        complex.mul_(Scalars.Of(2));
        Assert.Equal(before.Select(v => 2 * v).ToArray(), pairs.ToArray<float>());
        Assert.Throws<ExternalException>(() => view_as_complex(randn(4, 3)));
    }

    // ---- STFT --------------------------------------------------------------------------------------

    [Fact]
    public void Stft_then_istft_recovers_the_signal()
    {
        using var scope = NewDisposeScope();
        var signal = randn(2, 200);
        var window = hann_window(32);
        var spec = stft(signal, 32, hop_length: 8, window: window, return_complex: true);
        Assert.Equal(new long[] { 2, 17, 1 + 200 / 8 }, spec.shape);
        Assert.Equal(ScalarType.ComplexFloat32, spec.dtype);
        var back = istft(spec, 32, hop_length: 8, window: window, length: 200);
        Assert.Equal(new long[] { 2, 200 }, back.shape);
        var error = (back - signal).abs().max().item<float>();
        Assert.True(error < 1e-5, $"round-trip error {error}");

        // The (deprecated) real-pair form holds the same numbers; libtorch 2's istft takes complex input only.
        var pairs = stft(signal, 32, hop_length: 8, window: window, return_complex: false);
        Assert.Equal(new long[] { 2, 17, 26, 2 }, pairs.shape);
        Assert.True(pairs.Equals(view_as_real(spec)));
        Assert.True(istft(view_as_complex(pairs), 32, hop_length: 8, window: window, length: 200).allclose(back));
    }

    [Fact]
    public void Stft_frames_of_a_sine_peak_at_its_bin()
    {
        using var scope = NewDisposeScope();
        // 8 cycles per 64 samples = bin 4 of a 32-point frame; the rectangular window (none) keeps it a single bin.
        var spec = stft(Sine(256, 32, 1.0, ScalarType.Float32), 32, hop_length: 32, center: false, return_complex: true);
        Assert.Equal(new long[] { 17, 8 }, spec.shape);
        var magnitude = spec.abs();
        Assert.All(magnitude.argmax(0).ToArray<long>(), b => Assert.Equal(4L, b));
        Close.All(Enumerable.Repeat(16f, 8).ToArray(), magnitude[4].ToArray<float>(), 1e-4);
        var normalized = stft(Sine(256, 32, 1.0, ScalarType.Float32), 32, hop_length: 32, center: false, normalized: true, return_complex: true);
        Assert.Equal(16 / Math.Sqrt(32), normalized.abs()[4, 0].item<float>(), 4);
        var full = stft(Sine(256, 32, 1.0, ScalarType.Float32), 32, hop_length: 32, center: false, onesided: false, return_complex: true);
        Assert.Equal(new long[] { 32, 8 }, full.shape);
    }

    [Fact]
    public void Bad_spectral_arguments_raise_errors_that_name_the_problem()
    {
        using var scope = NewDisposeScope();
        var signal = randn(64);
        // pad_mode and norm are enums in TorchSharp, so only libtorch's own checks are left to test.
        var ex = Assert.Throws<ExternalException>(() => stft(signal, 16, window: hann_window(10), return_complex: true));
        Assert.Contains("window", ex.Message);
    }

    // ---- gradients ---------------------------------------------------------------------------------

    [Fact]
    public void Spectral_gradients_match_finite_differences()
    {
        using var scope = NewDisposeScope();
        GradCheck.Assert(t => view_as_real(fft.rfft(t[0])), new[] { randn(2, 8) }, name: "rfft");
        GradCheck.Assert(t => view_as_real(fft.fft_(t[0], norm: FFTNormType.Ortho)), new[] { randn(6) }, name: "fft");
        GradCheck.Assert(t => fft.irfft(view_as_complex(t[0]), n: 7), new[] { randn(4, 2) }, name: "irfft");
        var window = hann_window(8, dtype: float64);
        GradCheck.Assert(t => view_as_real(stft(t[0], 8, hop_length: 2, window: window, return_complex: true)), new[] { randn(24) }, name: "stft");
        // istft of a consistent spectrum (the STFT of a signal), perturbed: the gradient of overlap-add.
        using var spec = view_as_real(stft(randn(new long[] { 24 }, float64), 8, hop_length: 2, window: window, return_complex: true));
        GradCheck.Assert(t => istft(view_as_complex(t[0]), 8, hop_length: 2, window: window, length: 24), new[] { spec }, name: "istft");
    }
}
