namespace Dino.Repro.Signal;

/// <summary>
/// torchaudio.transforms.MelSpectrogram: |STFT|^power of a [..., time] waveform, then the mel filterbank,
/// mel = (specᵀ · fb)ᵀ → [..., n_mels, frames]. Holds its filterbank tensor (on the device last used): dispose it.
/// </summary>
public sealed class MelSpectrogram : IDisposable
{
    private Tensor filterbank;

    public MelSpectrogram(MelSpectrogramOptions? options = null)
    {
        Options = options ?? new MelSpectrogramOptions();
        if (Options.Power <= 0)
            throw new ArgumentException($"the spectrogram power must be positive, not {Options.Power}");
        Options.Stft.Validate();
        filterbank = MelFilterbank
            .Create(
                Options.FrequencyBins,
                Options.FMin,
                Options.EffectiveFMax,
                Options.NMels,
                Options.SampleRate,
                Options.Norm,
                Options.Scale,
                floatNyquist: Options.FloatNyquist
            )
            .DetachFromDisposeScope();
    }

    public MelSpectrogramOptions Options { get; }

    /// <summary>The filterbank [n_freqs, n_mels] in use.</summary>
    public Tensor Filterbank => filterbank;

    /// <summary>The power (or magnitude) spectrogram before the filterbank: [..., n_fft/2+1, frames].</summary>
    public Tensor Spectrogram(Tensor waveform)
    {
        using var scope = torch.NewDisposeScope();
        var spectrum = Stft.Complex(waveform, Options.Stft);
        if (Options.Normalized)
        {
            // torchaudio's normalized=True ("window"): divide by the window's L2 norm.
            var window = Stft.Window(Options.Stft, ScalarType.Float64);
            spectrum = spectrum / Scalars.Of(Math.Sqrt(window.square().sum().ToDouble()));
        }
        var magnitude = spectrum.abs();
        var result = Options.Power == 1.0 ? magnitude : magnitude.pow(Scalars.Of(Options.Power));
        return scope.MoveToOuter(result);
    }

    /// <summary>The mel spectrogram [..., n_mels, frames] of a [..., time] waveform.</summary>
    public Tensor Forward(Tensor waveform)
    {
        using var scope = torch.NewDisposeScope();
        var spec = Spectrogram(waveform);
        var fb = FilterbankFor(spec);
        var mel = spec.transpose(-1, -2).MatMul(fb).transpose(-1, -2);
        return scope.MoveToOuter(mel.contiguous());
    }

    /// <summary>One-shot: builds the transform, applies it, frees it.</summary>
    public static Tensor Compute(Tensor waveform, MelSpectrogramOptions? options = null)
    {
        using var transform = new MelSpectrogram(options);
        return transform.Forward(waveform);
    }

    private Tensor FilterbankFor(Tensor spec)
    {
        if (filterbank.device != spec.device || filterbank.dtype != spec.dtype)
        {
            var moved = filterbank.to(spec.dtype, spec.device).DetachFromDisposeScope();
            filterbank.Dispose();
            filterbank = moved;
        }
        return filterbank;
    }

    public void Dispose() => filterbank.Dispose();
}
