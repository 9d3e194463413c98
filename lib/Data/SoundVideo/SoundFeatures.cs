using Dino.Repro.Signal;

namespace Dino.Repro.Data.SoundVideo;

/// <summary>
/// Settings of Listen and Move's "lms" sound descriptor (Redondo 2023, reference converter.py). The defaults are the
/// paper's: audio at 64 kHz; power mel spectrogram with a 25 ms window (1600 samples) zero-padded to n_fft 2048, 10 ms
/// hop (640), periodic Hann, centred; 64 bands 125–7500 Hz on the HTK scale.
/// </summary>
/// <param name="ChunkFrames">Mel frames per chunk A: the 85 ms chunk is 8.5 hops, rounded half-to-even to 8.</param>
/// <param name="Fps">Video frame rate; one chunk per video frame, so the chunk hop H is a video frame in mel hops (5 at 20 fps).</param>
/// <param name="TopDb">librosa.power_to_db's default floor: nothing below (chunk max − 80 dB).</param>
public sealed record SoundFeatureOptions(
    int SampleRate = 64000,
    int NFft = 2048,
    int WinLength = 1600,
    int HopLength = 640,
    int MelBands = 64,
    double FMin = 125,
    double FMax = 7500,
    int ChunkFrames = 8,
    double Fps = 20,
    double TopDb = 80
)
{
    /// <summary>Mel frames between consecutive chunks: one video frame, round(sample_rate / (fps · hop)).</summary>
    public int ChunkHop => (int)Math.Round(SampleRate / (Fps * HopLength));

    public MelSpectrogramOptions Mel =>
        new(SampleRate, NFft, WinLength, HopLength, FMin, FMax, MelBands, Power: 2.0, Center: true, Scale: MelScaleKind.Htk);

    /// <summary>Mel frames of a centred STFT over <paramref name="samples"/> samples: 1 + samples / hop.</summary>
    public long MelFrames(long samples) => 1 + samples / HopLength;

    /// <summary>Chunks (= video frames with a descriptor) over <paramref name="melFrames"/> mel frames: sliding windows of A, every H-th.</summary>
    public long Chunks(long melFrames) => melFrames < ChunkFrames ? 0 : (melFrames - ChunkFrames) / ChunkHop + 1;

    public void Validate()
    {
        if (ChunkFrames < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkFrames), ChunkFrames, "a chunk holds at least one mel frame");
        if (!(Fps > 0))
            throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "the frame rate must be positive");
        if (ChunkHop < 1)
            throw new ArgumentException($"{Fps} fps is faster than the mel hop of {HopLength} samples at {SampleRate} Hz");
        if (!(TopDb >= 0))
            throw new ArgumentOutOfRangeException(nameof(TopDb), TopDb, "top_db must be non-negative");
    }
}

/// <summary>
/// One sound descriptor per video frame: the power mel spectrogram cut into chunks of A mel frames every H frames
/// (chunk k = mel frames [kH, kH + A)), each chunk converted to dB relative to its own maximum (librosa.power_to_db
/// with ref = max: amin 1e-10, top_db 80), then averaged over its A frames → [chunks, bands].
/// </summary>
public static class SoundFeatures
{
    /// <summary>Descriptors [chunks, bands] of a mono waveform [samples] already at <see cref="SoundFeatureOptions.SampleRate"/>.</summary>
    public static Tensor PerVideoFrame(Tensor waveform, SoundFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(waveform);
        var o = options ?? new SoundFeatureOptions();
        o.Validate();
        if (waveform.dim() != 1)
            throw new ArgumentException($"a mono waveform is [samples], not [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = torch.NewDisposeScope();
        var mel = MelSpectrogram.Compute(waveform.to(ScalarType.Float32), o.Mel); // [bands, frames]
        var count = o.Chunks(mel.size(1));
        if (count == 0)
            throw new ArgumentException(
                $"{waveform.size(0)} samples give {mel.size(1)} mel frames, fewer than one chunk of {o.ChunkFrames}",
                nameof(waveform)
            );
        var chunks = torch.stack(Enumerable.Range(0, (int)count).Select(k => mel.narrow(1, k * o.ChunkHop, o.ChunkFrames)).ToArray());
        // [chunks, 1, bands, A]: Decibels takes "ref = max" over each item's last three dims, i.e. per chunk.
        var db = Decibels.FromPower(chunks.unsqueeze(1), new DecibelOptions(Amin: 1e-10, Reference: DbReference.Max, TopDb: o.TopDb));
        return scope.MoveToOuter(db.squeeze(1).mean(new long[] { -1 }));
    }

    /// <summary>Descriptors of an <see cref="AudioBuffer"/>: mixed to mono and resampled to the options' rate first.</summary>
    public static Tensor PerVideoFrame(AudioBuffer audio, SoundFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var o = options ?? new SoundFeatureOptions();
        var mono = AudioBuffer.Mono(audio.MixToMono(), audio.SampleRate);
        if (mono.SampleRate != o.SampleRate)
            mono = Resampler.Resample(mono, o.SampleRate);
        using var waveform = torch.tensor(mono.Channels[0], [mono.Length]);
        return PerVideoFrame(waveform, o);
    }
}
