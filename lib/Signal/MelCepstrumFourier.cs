namespace Dino.Repro.Signal;

/// <summary>
/// The three DFTs of mel-cepstral analysis on float64 tensors [frames, length] (torch.fft along the last dim), so
/// that a batch of frames costs one native call per transform. Every spectrum here is real and even (a periodogram,
/// a log magnitude), so only its bins 0..N/2 are kept, as SPTK's fftr/ifftr pairs use them.
/// </summary>
internal static class MelCepstrumFourier
{
    /// <summary>|X[k]|², k = 0..N/2, of each real frame of length N.</summary>
    public static Tensor Periodogram(Tensor frames) => torch.view_as_real(torch.fft.rfft(frames)).square().sum(-1);

    /// <summary>Re Σₙ c[n]·e^(−2πikn/N), k = 0..N/2: the log magnitude of the minimum-phase filter with cepstrum c.</summary>
    public static Tensor CosineSpectrum(Tensor causal, int n) => torch.view_as_real(torch.fft.rfft(causal, n)).select(-1, 0).contiguous();

    /// <summary>(1/N)·Σₖ S[k]·e^(2πikn/N), n = 0..N/2, of each even real spectrum S given by its bins 0..N/2.</summary>
    public static Tensor EvenInverse(Tensor half, int n)
    {
        var spectrum = torch.view_as_complex(torch.stack(new[] { half, torch.zeros_like(half) }, -1));
        return torch.fft.irfft(spectrum, n).narrow(-1, 0, half.size(-1)).contiguous();
    }
}
