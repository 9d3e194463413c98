namespace Dino.Repro.Signal;

/// <summary>
/// Short-time Fourier transform conveniences over torch.stft / torch.istft: a [..., time] signal (any leading
/// dims) → a [..., NFft/2+1, frames] spectrum, as complex values, magnitude |X|, power |X|², or phase ∠X.
/// The window is made on the signal's device and dtype.
/// </summary>
public static class Stft
{
    /// <summary>The window of <paramref name="options"/> (length WinLength; torch.stft pads it to NFft).</summary>
    public static Tensor Window(StftOptions options, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var length = options.EffectiveWinLength;
        return options.Window switch
        {
            WindowKind.Hann => torch.hann_window(length, dtype: dtype, device: device),
            WindowKind.Hamming => HammingWindow(length, periodic: true, dtype, device),
            WindowKind.Blackman => torch.blackman_window(length, dtype: dtype, device: device),
            WindowKind.Rectangular => torch.ones(new long[] { length }, dtype, device),
            WindowKind.HammingSymmetric => HammingWindow(length, periodic: false, dtype, device),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Window, "unknown window"),
        };
    }

    /// <summary>
    /// torch.hamming_window: 0.54 − 0.46·cos(2πn/N), N = length (periodic) or length − 1. TorchSharp 0.107 passes the two
    /// coefficients as float32, which puts a float64 window off by ~1e-8; float64 windows are computed here instead.
    /// </summary>
    public static Tensor HammingWindow(long length, bool periodic, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        if (dtype != ScalarType.Float64)
            return torch.hamming_window(length, periodic, dtype: dtype, device: device);
        if (length <= 1)
            return torch.ones(new long[] { Math.Max(length, 0) }, dtype, device);
        using var n = torch.arange(Scalars.Of(length), ScalarType.Float64, device);
        var span = periodic ? length : length - 1;
        var window = (n * Scalars.Of(2 * Math.PI / span)).cos_();
        return window.mul_(Scalars.Of(-0.46)).add_(Scalars.Of(0.54));
    }

    /// <summary>The complex spectrum [..., NFft/2+1, frames].</summary>
    public static Tensor Complex(Tensor signal, StftOptions? options = null)
    {
        var o = options ?? new StftOptions();
        o.Validate();
        using var scope = torch.NewDisposeScope();
        var shape = signal.shape;
        if (shape.Length == 0)
            throw new ArgumentException("a signal needs a time dim", nameof(signal));
        var flat = signal.reshape(-1, shape[^1]); // torch.stft takes (L) or (B, L)
        using var window = Window(o, RealDtype(signal.dtype), signal.device);
        var spectrum = torch.stft(
            flat,
            o.NFft,
            o.EffectiveHopLength,
            o.EffectiveWinLength,
            window,
            o.Center,
            o.PaddingMode,
            o.Normalized,
            onesided: true,
            return_complex: true
        );
        var outShape = shape[..^1].Concat(spectrum.shape[^2..]).ToArray();
        return scope.MoveToOuter(spectrum.reshape(outShape));
    }

    /// <summary>|X| (torchaudio Spectrogram with power=1).</summary>
    public static Tensor Magnitude(Tensor signal, StftOptions? options = null)
    {
        using var spectrum = Complex(signal, options);
        return spectrum.abs();
    }

    /// <summary>|X|² (torchaudio Spectrogram with power=2, computed as |X|^2 the same way).</summary>
    public static Tensor Power(Tensor signal, StftOptions? options = null) => Spectrogram(signal, 2.0, options);

    /// <summary>|X|^power: torchaudio.functional.spectrogram with power not None.</summary>
    public static Tensor Spectrogram(Tensor signal, double power, StftOptions? options = null)
    {
        if (power <= 0)
            throw new ArgumentOutOfRangeException(nameof(power), power, "the spectrogram power must be positive");
        using var magnitude = Magnitude(signal, options);
        return power == 1.0 ? magnitude.alias() : magnitude.pow(Scalars.Of(power));
    }

    /// <summary>∠X in radians, (−π, π].</summary>
    public static Tensor Phase(Tensor signal, StftOptions? options = null)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = torch.view_as_real(Complex(signal, options));
        var phase = pairs.select(-1, 1).atan2(pairs.select(-1, 0));
        return scope.MoveToOuter(phase);
    }

    /// <summary>The complex spectrum magnitude·e^{i·phase}, e.g. to invert a modified magnitude with the original phase.</summary>
    public static Tensor FromPolar(Tensor magnitude, Tensor phase)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = torch.stack(new[] { magnitude * phase.cos(), magnitude * phase.sin() }, -1).contiguous();
        return scope.MoveToOuter(torch.view_as_complex(pairs).clone());
    }

    /// <summary>
    /// The signal whose STFT is <paramref name="spectrum"/> (complex [..., NFft/2+1, frames]), by windowed overlap-add
    /// (torch.istft); pass <paramref name="length"/> to get exactly the original number of samples.
    /// </summary>
    public static Tensor Inverse(Tensor spectrum, StftOptions? options = null, long? length = null)
    {
        var o = options ?? new StftOptions();
        o.Validate();
        using var scope = torch.NewDisposeScope();
        var shape = spectrum.shape;
        if (shape.Length < 2)
            throw new ArgumentException("a spectrum needs [..., freq, frames] dims", nameof(spectrum));
        var flat = spectrum.reshape(-1, shape[^2], shape[^1]);
        using var window = Window(o, RealDtype(spectrum.dtype), spectrum.device);
        var signal = torch.istft(
            flat,
            o.NFft,
            o.EffectiveHopLength,
            o.EffectiveWinLength,
            window,
            o.Center,
            o.Normalized,
            onesided: true,
            length: length ?? -1
        );
        var outShape = shape[..^2].Append(signal.size(-1)).ToArray();
        return scope.MoveToOuter(signal.reshape(outShape));
    }

    private static ScalarType RealDtype(ScalarType dtype) =>
        dtype switch
        {
            ScalarType.ComplexFloat32 => ScalarType.Float32,
            ScalarType.ComplexFloat64 or ScalarType.Float64 => ScalarType.Float64,
            _ => ScalarType.Float32,
        };
}
