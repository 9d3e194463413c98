using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Options of Wav2Pix (Duarte et al., ICASSP 2019; its code's defaults): 1 s of 16 kHz speech, the SEGAN encoder's ICASSP
/// channels, 64² faces, widths 64, dropout ½, Adam with D at 4e-4 and G at 1e-4 (β 0.5, 0.999), batch 64, and the
/// generator's loss weights 100 (feature matching), 50 (L1), 20 (identity).
/// </summary>
public sealed record Wav2PixOptions : TrainingOptions
{
    /// <summary>The talking-head corpus (the YouTubers layout): "youtubers" or the embedded "voice-faces".</summary>
    public string Corpus { get; init; } = "youtubers";

    /// <summary>The size an embedded corpus is made at (its <c>dino corpus make</c> preset: smoke or cpu); a real one ignores it.</summary>
    public Preset CorpusSize { get; init; } = Preset.Cpu;

    /// <summary>
    /// Seconds of speech cut around each face frame (the thesis' 4; each example keeps the centred
    /// <see cref="Samples"/>).
    /// </summary>
    public double WindowSeconds { get; init; } = 4;

    /// <summary>Seconds between the sampled face frames (the thesis' 2).</summary>
    public double HopSeconds { get; init; } = 2;

    /// <summary>Identities kept out of training (the last in name order), for the unseen-speaker rows. The thesis holds out none.</summary>
    public int HeldOutSpeakers { get; init; }

    /// <summary>Faces in a sample grid (real above generated). Default 8.</summary>
    public int SampleCount { get; init; } = 8;

    /// <summary>How the YouTubers reader cuts this run's pairs: its windows at 16 kHz, faces at the run's resolution.</summary>
    public YouTubersOptions ReaderOptions =>
        new(
            SampleRate: SampleRate,
            WindowSeconds: WindowSeconds,
            HopSeconds: HopSeconds,
            FaceSize: Resolution,
            LoadSeconds: (double)Samples / SampleRate,
            HeldOutSpeakers: HeldOutSpeakers
        );

    /// <summary>The speech's sample rate (both papers: 16 kHz).</summary>
    public const int SampleRate = 16_000;

    /// <summary>Speech samples per face (16,000: 1 s at 16 kHz).</summary>
    public int Samples { get; init; } = 16_000;

    /// <summary>Side of the faces: 64 or 128.</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>w: the generator's last hidden and the discriminator's first channels.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Divides the SEGAN encoder's channels (16 … 1024); the cpu preset uses 4.</summary>
    public int SpeechChannelDivisor { get; init; } = 1;

    /// <summary>Dropout after each hidden layer of the generator (its only randomness).</summary>
    public double Dropout { get; init; } = 0.5;

    public double LearningRateD { get; init; } = 4e-4;
    public double LearningRateG { get; init; } = 1e-4;
    public double Beta1 { get; init; } = 0.5;
    public double FeatureMatchingWeight { get; init; } = 100;
    public double L1Weight { get; init; } = 50;
    public double IdentityWeight { get; init; } = 20;

    /// <summary>The SEGAN encoder's channels after the divisor.</summary>
    public IReadOnlyList<int> SpeechChannels => SeganSpeechEncoder.IcasspChannels.Select(c => Math.Max(1, c / SpeechChannelDivisor)).ToArray();

    public Wav2PixLossWeights LossWeights => new(FeatureMatchingWeight, L1Weight, IdentityWeight);

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution is not (64 or 128))
            yield return $"resolution must be 64 or 128 (got {Resolution})";
        if (Width < 1 || SpeechChannelDivisor < 1)
            yield return $"width and speech_channel_divisor must be at least 1 (got {Width}, {SpeechChannelDivisor})";
        if (SeganSpeechEncoder.LengthsAfterBlocks(Samples, SeganSpeechEncoder.IcasspChannels.Count)[^1] < 1)
            yield return $"samples must be long enough for six stride-4 blocks (got {Samples})";
        if (Dropout is < 0 or >= 1)
            yield return $"dropout must lie in [0, 1) (got {Dropout})";
        if (!(LearningRateD > 0) || !(LearningRateG > 0))
            yield return $"learning_rate_d and learning_rate_g must be positive (got {LearningRateD}, {LearningRateG})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
        if (!(HopSeconds > 0) || Samples > WindowSeconds * SampleRate)
            yield return $"hop_seconds must be positive and window_seconds hold the {Samples} samples (got {HopSeconds}, {WindowSeconds})";
        if (CorpusSize == Preset.Paper)
            yield return "corpus_size names an embedded corpus' size: smoke or cpu";
        if (HeldOutSpeakers < 0 || SampleCount < 1)
            yield return $"held_out_speakers must be at least 0 and sample_count at least 1 (got {HeldOutSpeakers}, {SampleCount})";
    }
}
