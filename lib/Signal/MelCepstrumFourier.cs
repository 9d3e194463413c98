using Dino.Repro.Torch;

namespace Dino.Repro.Signal;

/// <summary>
/// The three DFTs of mel-cepstral analysis, on float64 tensors through torch.fft. Every spectrum here is real and
/// even (a periodogram, a log magnitude), so only its bins 0..N/2 are kept, as SPTK's fftr/ifftr pairs use them.
/// </summary>
internal static class MelCepstrumFourier
{
    /// <summary>|X[k]|², k = 0..N/2, of a real frame of length N.</summary>
    public static double[] Periodogram(ReadOnlySpan<double> frame)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = torch.view_as_real(torch.fft.rfft(torch.tensor(frame))).ToArray<double>();
        var power = new double[pairs.Length / 2];
        for (var k = 0; k < power.Length; k++) power[k] = pairs[2 * k] * pairs[2 * k] + pairs[2 * k + 1] * pairs[2 * k + 1];
        return power;
    }

    /// <summary>Re Σₙ c[n]·e^(−2πikn/N), k = 0..N/2: the log magnitude of the minimum-phase filter with cepstrum c.</summary>
    public static double[] CosineSpectrum(ReadOnlySpan<double> causal, int n)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = torch.view_as_real(torch.fft.rfft(torch.tensor(causal), n)).ToArray<double>();
        var real = new double[pairs.Length / 2];
        for (var k = 0; k < real.Length; k++) real[k] = pairs[2 * k];
        return real;
    }

    /// <summary>(1/N)·Σₖ S[k]·e^(2πikn/N), n = 0..N/2, of the even real spectrum S given by its bins 0..N/2.</summary>
    public static double[] EvenInverse(ReadOnlySpan<double> half, int n)
    {
        using var scope = torch.NewDisposeScope();
        var pairs = new double[2 * half.Length];
        for (var k = 0; k < half.Length; k++) pairs[2 * k] = half[k];
        var spectrum = torch.view_as_complex(torch.tensor(pairs, new long[] { half.Length, 2 }));
        var sequence = torch.fft.irfft(spectrum, n).ToArray<double>();
        return sequence[..half.Length];
    }
}
