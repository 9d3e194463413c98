namespace Dino.Repro.Signal;

/// <summary>How a log-mel spectrogram compresses the mel energies.</summary>
public enum LogCompression
{
    /// <summary>dB (librosa.power_to_db / torchaudio AmplitudeToDB); 10·log10 for power, 20·log10 for magnitude.</summary>
    Decibels,

    /// <summary>ln(mel + offset) (torchaudio MFCC's log_mels=True, VGGish-style front ends).</summary>
    NaturalLog,
}

/// <summary>Options of <see cref="LogMelSpectrogram"/>.</summary>
/// <param name="Mel">The mel spectrogram (default: <see cref="MelSpectrogramOptions"/>'s torchaudio defaults).</param>
/// <param name="Compression">dB or natural log (default dB).</param>
/// <param name="Db">dB options (default amin 1e-10, ref 1, top_db 80: librosa.power_to_db's defaults).</param>
/// <param name="LogOffset">Added before the natural log (default 1e-6, torchaudio MFCC's log_offset).</param>
public sealed record LogMelOptions(
    MelSpectrogramOptions? Mel = null,
    LogCompression Compression = LogCompression.Decibels,
    DecibelOptions? Db = null,
    double LogOffset = 1e-6
)
{
    public MelSpectrogramOptions EffectiveMel => Mel ?? new MelSpectrogramOptions();
    public DecibelOptions EffectiveDb => Db ?? new DecibelOptions(TopDb: 80);
}

/// <summary>Log-compressed mel spectrogram [..., n_mels, frames] of a [..., time] waveform. Dispose it (holds the filterbank).</summary>
public sealed class LogMelSpectrogram : IDisposable
{
    private readonly MelSpectrogram mel;

    public LogMelSpectrogram(LogMelOptions? options = null)
    {
        Options = options ?? new LogMelOptions();
        if (!(Options.LogOffset > 0))
            throw new ArgumentException($"the log offset must be positive, not {Options.LogOffset}");
        mel = new MelSpectrogram(Options.EffectiveMel);
    }

    public LogMelOptions Options { get; }

    public Tensor Forward(Tensor waveform)
    {
        using var scope = torch.NewDisposeScope();
        var energies = mel.Forward(waveform);
        // |X|^p in dB is (20/p)·log10: 10 for power, 20 for magnitude.
        var result =
            Options.Compression == LogCompression.NaturalLog
                ? (energies + Scalars.Of(Options.LogOffset)).log()
                : Decibels.Convert(energies, 20.0 / mel.Options.Power, Options.EffectiveDb);
        return scope.MoveToOuter(result);
    }

    public void Dispose() => mel.Dispose();
}
