namespace Dino.Repro.Signal;

/// <summary>
/// Options of <see cref="MelSpectrogram"/>; every default is torchaudio.transforms.MelSpectrogram's (0.13).
/// </summary>
/// <param name="SampleRate">Sample rate of the input in Hz (default 16000).</param>
/// <param name="NFft">FFT size (default 400); NFft/2+1 linear bins feed the filterbank.</param>
/// <param name="WinLength">Window length (default null = NFft); shorter windows are zero-padded centrally to NFft.</param>
/// <param name="HopLength">Samples between frames (default null = WinLength / 2).</param>
/// <param name="FMin">Lowest filter edge in Hz (default 0).</param>
/// <param name="FMax">Highest filter edge in Hz (default null = SampleRate / 2, integer division as torchaudio).</param>
/// <param name="NMels">Mel bands (default 128).</param>
/// <param name="Power">Exponent of the magnitude (default 2: power; 1: magnitude).</param>
/// <param name="Normalized">Divide the STFT by √Σw² of the window (torchaudio's normalized=True; default false).</param>
/// <param name="Center">Centre frames by padding NFft/2 on both sides (default true): frames = 1 + len / hop.</param>
/// <param name="PadMode">Centre padding fill (default "reflect").</param>
/// <param name="Norm">Filter area normalisation (default None: peak 1).</param>
/// <param name="Scale">Mel scale (default HTK).</param>
/// <param name="Window">Analysis window (default periodic Hann, torch.hann_window).</param>
/// <param name="FloatNyquist">Filterbank bins run to sample_rate / 2, as librosa's, instead of torchaudio's sample_rate // 2
/// (default false); the two differ only at an odd sample rate.</param>
public sealed record MelSpectrogramOptions(
    int SampleRate = 16000,
    int NFft = 400,
    int? WinLength = null,
    int? HopLength = null,
    double FMin = 0,
    double? FMax = null,
    int NMels = 128,
    double Power = 2.0,
    bool Normalized = false,
    bool Center = true,
    string PadMode = "reflect",
    MelNorm Norm = MelNorm.None,
    MelScaleKind Scale = MelScaleKind.Htk,
    WindowKind Window = WindowKind.Hann,
    bool FloatNyquist = false
)
{
    /// <summary>librosa's default sample rate (librosa.load, librosa.feature.melspectrogram).</summary>
    public const int LibrosaSampleRate = 22050;

    /// <summary>
    /// librosa.feature.melspectrogram's defaults (librosa 0.10): n_fft 2048, hop 512, periodic Hann, centred frames padded
    /// with zeros (pad_mode "constant"; librosa before 0.10 reflected), power 2, and librosa.filters.mel's 128 bands from 0 Hz
    /// to sr / 2 on the Slaney scale with Slaney area norm, over bins running to sr / 2.
    /// </summary>
    public static MelSpectrogramOptions Librosa(int sampleRate = LibrosaSampleRate) =>
        new(
            sampleRate,
            NFft: 2048,
            HopLength: 512,
            FMin: 0,
            FMax: sampleRate / 2.0,
            NMels: 128,
            Power: 2.0,
            Center: true,
            PadMode: "constant",
            Norm: MelNorm.Slaney,
            Scale: MelScaleKind.Slaney,
            Window: WindowKind.Hann,
            FloatNyquist: true
        );

    public double EffectiveFMax => FMax ?? SampleRate / 2;

    /// <summary>The framing these options imply (torch.stft's own normalisation stays off; see <see cref="Normalized"/>).</summary>
    public StftOptions Stft => new(NFft, WinLength, HopLength, Window, Center, PadMode, Normalized: false);

    /// <summary>Linear-frequency bins: NFft/2 + 1.</summary>
    public int FrequencyBins => NFft / 2 + 1;
}
