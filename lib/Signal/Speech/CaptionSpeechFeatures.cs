namespace Dino.Repro.Signal.Speech;

/// <summary>
/// The speech features of direct speech-to-image translation (Li et al. 2020; reference <c>utils.load_one_audio_file</c>):
/// 16 kHz audio, its mean removed, pre-emphasis 0.97; an STFT of 25 ms symmetric Hamming windows (400 samples, n_fft 400)
/// every 10 ms, centred with reflection; power; 40 Slaney mel bands from 20 Hz (librosa.filters.mel's defaults); dB
/// relative to the utterance's maximum (amin 1e-10, 80 dB floor); then padded with 0 dB — the loudest level, a quirk kept
/// because the encoder was trained on it — or cut to 2,048 frames. Utterances under 64 frames are too short to encode.
/// </summary>
public static class CaptionSpeechFeatures
{
    public const int SampleRate = 16000,
        Bands = 40,
        TargetFrames = 2048,
        MinimumFrames = 64;

    public static readonly LogMelOptions Options = new(
        new MelSpectrogramOptions(
            SampleRate,
            NFft: 400,
            WinLength: 400,
            HopLength: 160,
            FMin: 20,
            NMels: Bands,
            Norm: MelNorm.Slaney,
            Scale: MelScaleKind.Slaney,
            Window: WindowKind.HammingSymmetric
        ),
        Db: new DecibelOptions(Amin: 1e-10, Reference: DbReference.Max, TopDb: 80)
    );

    /// <summary>The features [40, 2048] of a 16 kHz mono utterance, and how many frames hold speech (at most 2,048).</summary>
    public static (Tensor Features, int Frames) Of(float[] samples, int targetFrames = TargetFrames)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0)
            throw new ArgumentException("an utterance needs samples");
        var mean = samples.Average(s => (double)s);
        var centred = samples.Select(s => (float)(s - mean)).ToArray();
        var emphasised = Emphasis.PreEmphasis(centred);
        using var scope = torch.NewDisposeScope();
        using var transform = new LogMelSpectrogram(Options);
        var logMel = transform.Forward(torch.tensor(emphasised)); // [40, frames]
        var frames = (int)logMel.size(1);
        var fitted = frames >= targetFrames ? logMel.narrow(1, 0, targetFrames) : nn.functional.pad(logMel, [0, targetFrames - frames], value: 0);
        return (fitted.contiguous().MoveToOuterDisposeScope(), Math.Min(frames, targetFrames));
    }
}
