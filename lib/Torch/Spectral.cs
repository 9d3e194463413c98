using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Spectral ops as PyTorch spells them: torch.stft/istft, torch.fft.*, window functions and the
// complex <-> real-pair views. Complex results are complex tensors; view_as_real gives a [..., 2] float view.
public static partial class torch
{
    /// <summary>A float view of a complex tensor with a trailing dim of 2 (real, imaginary); shares storage.</summary>
    public static Tensor view_as_real(Tensor input) => new(LibTorch.dn_view_as_real(input.Handle));

    /// <summary>A complex view of a float tensor whose last dim is 2 (real, imaginary); shares storage.</summary>
    public static Tensor view_as_complex(Tensor input) => new(LibTorch.dn_view_as_complex(input.Handle));

    /// <summary>
    /// Short-time Fourier transform of a (L) or (B, L) signal: (n_fft/2+1 or n_fft, frames) per signal. Complex
    /// unless <paramref name="return_complex"/> is false, which gives the real pairs [..., 2].
    /// </summary>
    public static Tensor stft(Tensor input, long n_fft, long? hop_length = null, long? win_length = null, Tensor? window = null,
        bool center = true, string pad_mode = "reflect", bool normalized = false, bool? onesided = null, bool return_complex = true)
    {
        if (pad_mode is not ("reflect" or "constant" or "replicate" or "circular"))
            throw new ArgumentException($"unknown stft pad_mode '{pad_mode}': expected reflect, constant, replicate or circular", nameof(pad_mode));
        var spectrum = new Tensor(LibTorch.dn_stft(input.Handle, n_fft, hop_length ?? 0, hop_length.HasValue ? 1 : 0, win_length ?? 0,
            win_length.HasValue ? 1 : 0, window?.Handle ?? IntPtr.Zero, center ? 1 : 0, pad_mode, normalized ? 1 : 0, Flag(onesided)));
        if (return_complex) return spectrum;
        using (spectrum) return view_as_real(spectrum);
    }

    /// <summary>Inverse of <see cref="stft"/>; a real-pair spectrum [..., 2] is accepted as well as a complex one.</summary>
    public static Tensor istft(Tensor input, long n_fft, long? hop_length = null, long? win_length = null, Tensor? window = null,
        bool center = true, bool normalized = false, bool? onesided = null, long? length = null, bool return_complex = false)
    {
        using var complex = IsComplex(input) ? input.alias() : view_as_complex(input);
        return new Tensor(LibTorch.dn_istft(complex.Handle, n_fft, hop_length ?? 0, hop_length.HasValue ? 1 : 0, win_length ?? 0,
            win_length.HasValue ? 1 : 0, window?.Handle ?? IntPtr.Zero, center ? 1 : 0, normalized ? 1 : 0, Flag(onesided),
            length ?? 0, length.HasValue ? 1 : 0, return_complex ? 1 : 0));
    }

    private static bool IsComplex(Tensor t) => t.dtype is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64;

    private static int Flag(bool? value) => value is null ? -1 : value.Value ? 1 : 0;

    /// <summary>torch.fft: discrete Fourier transforms along one dim. norm is "backward" (default), "forward" or "ortho".</summary>
    public static class fft
    {
        /// <summary>torch.fft.fft; named fft_ (as in TorchSharp) because C# forbids a member named like its class.</summary>
        public static Tensor fft_(Tensor input, long? n = null, long dim = -1, string? norm = null) =>
            new(LibTorch.dn_fft_fft(input.Handle, n ?? 0, n.HasValue ? 1 : 0, dim, Norm(norm)));
        public static Tensor ifft(Tensor input, long? n = null, long dim = -1, string? norm = null) =>
            new(LibTorch.dn_fft_ifft(input.Handle, n ?? 0, n.HasValue ? 1 : 0, dim, Norm(norm)));

        /// <summary>The n/2+1 non-negative frequencies of a real signal.</summary>
        public static Tensor rfft(Tensor input, long? n = null, long dim = -1, string? norm = null) =>
            new(LibTorch.dn_fft_rfft(input.Handle, n ?? 0, n.HasValue ? 1 : 0, dim, Norm(norm)));

        /// <summary>The real signal (of length n, default 2·(m−1)) whose one-sided spectrum is the input.</summary>
        public static Tensor irfft(Tensor input, long? n = null, long dim = -1, string? norm = null) =>
            new(LibTorch.dn_fft_irfft(input.Handle, n ?? 0, n.HasValue ? 1 : 0, dim, Norm(norm)));

        private static string? Norm(string? norm) => norm is null or "backward" or "forward" or "ortho"
            ? norm
            : throw new ArgumentException($"unknown fft norm '{norm}': expected backward, forward or ortho", nameof(norm));
    }

    // ---- windows: periodic (default) for spectral analysis, symmetric (periodic: false) for filter design ----

    public static unsafe Tensor hann_window(long window_length, bool periodic = true, ScalarType? dtype = null, Device? device = null) =>
        Window(&LibTorch.dn_hann_window, window_length, periodic, dtype, device);
    public static unsafe Tensor hamming_window(long window_length, bool periodic = true, ScalarType? dtype = null, Device? device = null) =>
        Window(&LibTorch.dn_hamming_window, window_length, periodic, dtype, device);
    public static unsafe Tensor blackman_window(long window_length, bool periodic = true, ScalarType? dtype = null, Device? device = null) =>
        Window(&LibTorch.dn_blackman_window, window_length, periodic, dtype, device);

    private static unsafe Tensor Window(delegate*<long, int, int, int, int, IntPtr> factory, long length, bool periodic, ScalarType? dtype, Device? device)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(factory(length, periodic ? 1 : 0, (int)(dtype ?? default_dtype), (int)dev.type, dev.index));
    }
}
