namespace Dino.Repro.Signal;

/// <summary>How <see cref="Stft"/> frames a signal; defaults are torch.stft's / torchaudio.transforms.Spectrogram's.</summary>
/// <param name="NFft">FFT size (default 400 = 25 ms at 16 kHz); NFft/2+1 frequency bins.</param>
/// <param name="WinLength">Window length (default null = NFft); a shorter window is zero-padded on both sides to NFft.</param>
/// <param name="HopLength">Samples between frames (default null = WinLength / 2).</param>
/// <param name="Window">The analysis window (default periodic Hann, as torch.hann_window).</param>
/// <param name="Center">Pad NFft/2 samples on both sides so frame t is centred at t·hop (default true): frames = 1 + len / hop.</param>
/// <param name="PadMode">How the centre padding is filled (default "reflect").</param>
/// <param name="Normalized">Scale by 1/√NFft (torch.stft's normalized=True; default false).</param>
public sealed record StftOptions(
    int NFft = 400,
    int? WinLength = null,
    int? HopLength = null,
    WindowKind Window = WindowKind.Hann,
    bool Center = true,
    string PadMode = "reflect",
    bool Normalized = false
)
{
    public int EffectiveWinLength => WinLength ?? NFft;
    public int EffectiveHopLength => HopLength ?? EffectiveWinLength / 2;

    /// <summary>Frames for a signal of <paramref name="length"/> samples.</summary>
    public long FrameCount(long length) => Center ? 1 + length / EffectiveHopLength : 1 + (length - NFft) / EffectiveHopLength;

    internal void Validate()
    {
        if (NFft <= 0)
            throw new ArgumentException($"n_fft must be positive, not {NFft}");
        if (EffectiveWinLength <= 0 || EffectiveWinLength > NFft)
            throw new ArgumentException($"win_length must be in 1..n_fft ({NFft}), not {EffectiveWinLength}");
        if (EffectiveHopLength <= 0)
            throw new ArgumentException($"hop_length must be positive, not {EffectiveHopLength}");
        _ = PaddingMode;
    }

    /// <summary><see cref="PadMode"/> as libtorch's padding mode ("reflect", "constant", "replicate" or "circular").</summary>
    public PaddingModes PaddingMode =>
        PadMode switch
        {
            "reflect" => PaddingModes.Reflect,
            "constant" => PaddingModes.Constant,
            "replicate" => PaddingModes.Replicate,
            "circular" => PaddingModes.Circular,
            _ => throw new ArgumentException($"pad_mode must be reflect, constant, replicate or circular, not '{PadMode}'"),
        };
}

/// <summary>Analysis windows, periodic (the DFT-even form torch.*_window gives by default) unless named otherwise.</summary>
public enum WindowKind
{
    Hann,
    Hamming,
    Blackman,

    /// <summary>All ones.</summary>
    Rectangular,

    /// <summary>scipy.signal.hamming's default (sym=True): 0.54 − 0.46·cos(2πn/(N − 1)), as librosa uses a window function it is given.</summary>
    HammingSymmetric,
}
