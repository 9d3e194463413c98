using Dino.Repro.Signal;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The recogniser's front end: 16 kHz audio → natural-log mel energies (25 ms Hann windows every 10 ms) →
/// each band normalised to zero mean and unit variance over the clip (cepstral mean/variance normalisation), so a
/// voice's loudness and spectral tilt matter less than what it says. Clips shorter than
/// <see cref="MinimumSamples"/> are padded with silence. Dispose it (it holds the mel filterbank).
/// </summary>
public sealed class GridFeatures : IDisposable
{
    public const int SampleRate = 16_000;
    public const int WindowSamples = 400; // 25 ms
    public const int HopSamples = 160; // 10 ms

    private readonly LogMelSpectrogram logMel;

    public GridFeatures(int melBands, double clipSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(melBands, 8);
        if (!(clipSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(clipSeconds), clipSeconds, "the clip length must be positive");
        MelBands = melBands;
        MinimumSamples = (int)Math.Round(clipSeconds * SampleRate);
        logMel = new LogMelSpectrogram(
            new LogMelOptions(
                new MelSpectrogramOptions(SampleRate, NFft: WindowSamples, HopLength: HopSamples, NMels: melBands),
                LogCompression.NaturalLog
            )
        );
    }

    public int MelBands { get; }

    /// <summary>GRID's 3 s at 16 kHz by default: the length every training clip is padded to.</summary>
    public int MinimumSamples { get; }

    /// <summary>Mono samples at 16 kHz, at least <see cref="MinimumSamples"/> long (silence appended).</summary>
    public float[] Samples(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var mono = audio.MixToMono();
        var samples = audio.SampleRate == SampleRate ? mono : Resampler.Resample(mono, audio.SampleRate, SampleRate);
        if (samples.Length >= MinimumSamples)
            return samples;
        var padded = new float[MinimumSamples];
        samples.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Waveforms [B, samples] → normalised log-mel features [B, mel bands, frames].</summary>
    public Tensor Forward(Tensor waveforms)
    {
        if (waveforms.dim() != 2)
            throw new ArgumentException($"waveforms must be [batch, samples], got [{string.Join(", ", waveforms.shape)}]", nameof(waveforms));
        using var scope = torch.NewDisposeScope();
        var energies = logMel.Forward(waveforms.to(ScalarType.Float32));
        var mean = energies.mean(new long[] { 2 }, keepdim: true);
        var std = energies.std(new long[] { 2 }, unbiased: false, keepdim: true);
        return scope.MoveToOuter((energies - mean) / (std + Scalars.Of(1e-5)));
    }

    /// <summary>The features of one clip: [1, mel bands, frames].</summary>
    public Tensor Forward(AudioBuffer audio)
    {
        var samples = Samples(audio);
        using var waveform = torch.tensor(samples, new long[] { 1, samples.Length });
        return Forward(waveform);
    }

    public void Dispose() => logMel.Dispose();
}
