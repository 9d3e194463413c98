namespace Dino.Repro.Signal;

/// <summary>Options of <see cref="Mfcc"/>; every default is torchaudio.transforms.MFCC's (0.13).</summary>
/// <param name="NMfcc">Coefficients kept (default 40); at most NMels.</param>
/// <param name="Mel">The mel spectrogram (default: <see cref="MelSpectrogramOptions"/>'s defaults, 128 mels).</param>
/// <param name="OrthoNorm">DCT-II with norm "ortho" (default true); false is torchaudio's norm=None (entries doubled).</param>
/// <param name="LogMels">Compress with ln(mel + 1e-6) instead of dB (default false).</param>
/// <param name="TopDb">dB floor below the spectrogram's max when LogMels is false (default 80, torchaudio's AmplitudeToDB("power", 80)).</param>
public sealed record MfccOptions(int NMfcc = 40, MelSpectrogramOptions? Mel = null, bool OrthoNorm = true, bool LogMels = false, double TopDb = 80)
{
    public MelSpectrogramOptions EffectiveMel => Mel ?? new MelSpectrogramOptions();
}

/// <summary>
/// torchaudio.transforms.MFCC (dct_type 2): mel spectrogram → 10·log10(max(mel, 1e-10)) floored at
/// (max over the whole spectrogram − top_db) — or ln(mel + 1e-6) with LogMels — → DCT-II over the mel axis,
/// first NMfcc coefficients: [..., n_mfcc, frames]. Dispose it (holds the filterbank and DCT matrix).
/// </summary>
public sealed class Mfcc : IDisposable
{
    private readonly MelSpectrogram mel;
    private Tensor dct;

    public Mfcc(MfccOptions? options = null)
    {
        Options = options ?? new MfccOptions();
        var melOptions = Options.EffectiveMel;
        if (Options.NMfcc > melOptions.NMels)
            throw new ArgumentException($"cannot keep {Options.NMfcc} MFCCs from {melOptions.NMels} mel bands (n_mfcc ≤ n_mels)");
        mel = new MelSpectrogram(melOptions);
        dct = Dct.Create(Options.NMfcc, melOptions.NMels, Options.OrthoNorm).DetachFromDisposeScope();
    }

    public MfccOptions Options { get; }

    public Tensor Forward(Tensor waveform)
    {
        using var scope = torch.NewDisposeScope();
        var energies = mel.Forward(waveform);
        var compressed = Options.LogMels
            ? (energies + Scalars.Of(1e-6)).log()
            : Decibels.FromPower(energies, new DecibelOptions(Amin: 1e-10, Reference: DbReference.One, TopDb: Options.TopDb));
        if (dct.device != compressed.device || dct.dtype != compressed.dtype)
        {
            var moved = dct.to(compressed.dtype, compressed.device).DetachFromDisposeScope();
            dct.Dispose();
            dct = moved;
        }
        var coefficients = compressed.transpose(-1, -2).MatMul(dct).transpose(-1, -2).contiguous();
        return scope.MoveToOuter(coefficients);
    }

    public void Dispose()
    {
        mel.Dispose();
        dct.Dispose();
    }
}
