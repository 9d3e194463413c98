using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Options of Wav2Pix (Duarte et al., ICASSP 2019; its code's defaults): 1 s of 16 kHz speech, the SEGAN encoder's ICASSP
/// channels, 64² faces, widths 64, dropout ½, Adam with D at 4e-4 and G at 1e-4 (β 0.5, 0.999), batch 64, and the
/// generator's loss weights 100 (feature matching), 50 (L1), 20 (identity). The data options are
/// <see cref="TalkingHeadOptions"/>.
/// </summary>
public sealed record Wav2PixOptions : TalkingHeadOptions
{
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
    }
}
