using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Options of Wav2Pix (Duarte et al., ICASSP 2019; its code's defaults): 1 s of 16 kHz speech, the SEGAN encoder's ICASSP
/// channels, 64² faces, widths 64, dropout ½, Adam with D at 4e-4 and G at 1e-4 (β 0.5, 0.999), batch 64, and the
/// generator's loss weights 100 (feature matching), 50 (L1), 20 (identity); dropout is G's only randomness (no z). The
/// shared options are <see cref="SpeechToFaceModelOptions"/>.
/// </summary>
public sealed record Wav2PixOptions : SpeechToFaceModelOptions
{
    public Wav2PixOptions()
    {
        Dropout = 0.5;
        LearningRateD = 4e-4;
        LearningRateG = 1e-4;
    }

    public double FeatureMatchingWeight { get; init; } = 100;
    public double L1Weight { get; init; } = 50;
    public double IdentityWeight { get; init; } = 20;

    /// <summary>The SEGAN encoder's channels after the divisor.</summary>
    public IReadOnlyList<int> SpeechChannels => Divided(SeganSpeechEncoder.IcasspChannels);

    public Wav2PixLossWeights LossWeights => new(FeatureMatchingWeight, L1Weight, IdentityWeight);

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution is not (64 or 128))
            yield return $"resolution must be 64 or 128 (got {Resolution})";
        if (SeganSpeechEncoder.LengthsAfterBlocks(Samples, SeganSpeechEncoder.IcasspChannels.Count)[^1] < 1)
            yield return $"samples must be long enough for six stride-4 blocks (got {Samples})";
    }
}
