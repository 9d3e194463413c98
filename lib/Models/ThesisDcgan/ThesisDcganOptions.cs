using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// Options of the thesis' conditional DCGAN (Roldán 2018, §IV-C/D: Reed et al.'s text-to-image DCGAN with the speaker's
/// name or speech instead of text). Defaults are the thesis' baseline: 64², z of 100, widths 64, the one-hot vector
/// projected, least squares, batch norm everywhere, Adam 2e-4 (β 0.5, 0.999) for both, no dropout (the thesis'
/// "controlled dropouts" row: 0.5), 4 s of speech through
/// SEGAN's thesis channels (64, 128, 256, 512, 1024, 1024). Its variants (Table II's rows) are options: the concatenated
/// code, spectral norm with the SAGAN learning rates (D 4e-4, G 1e-4), dropouts, the AC-GAN objective, speech input.
/// </summary>
public sealed record ThesisDcganOptions : SpeechToFaceModelOptions
{
    /// <summary>The SEGAN encoder's channels in the thesis (§IV-D).</summary>
    public static IReadOnlyList<int> ThesisSpeechChannels { get; } = [64, 128, 256, 512, 1024, 1024];

    public ThesisDcganOptions()
    {
        Samples = 64_000;
    }

    /// <summary>What G draws from besides z.</summary>
    public FaceCondition Condition { get; init; } = FaceCondition.OneHotProjected;

    /// <summary>The AC-GAN variant: D classifies speakers + "fake" instead of scoring (face, condition) pairs.</summary>
    public bool AuxiliaryClassifier { get; init; }

    /// <summary>Spectral norm instead of batch norm (in G; D loses its batch norm and is spectral-normalised).</summary>
    public bool SpectralNorm { get; init; }

    /// <summary>Length of z ~ N(0, 1).</summary>
    public int Latent { get; init; } = 100;

    public bool UsesSpeech => Condition is FaceCondition.Speech or FaceCondition.SpeechAndOneHot or FaceCondition.Mel;

    /// <summary>Whether G and D read the repeated, padded one-hot code (which holds at most 128 speakers).</summary>
    public bool UsesIdentityCode => Condition is FaceCondition.OneHotConcatenated or FaceCondition.SpeechAndOneHot;

    /// <summary>The SEGAN encoder's channels after the divisor.</summary>
    public IReadOnlyList<int> SpeechChannels => Divided(ThesisSpeechChannels);

    /// <summary>Length of the vector G draws from besides z (and D tiles in).</summary>
    public int ConditionSize => Condition == FaceCondition.SpeechAndOneHot ? 2 * IdentityCode.Size : IdentityCode.Size;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution != 64)
            yield return $"resolution must be 64, the thesis' DCGAN size (got {Resolution})";
        if (Latent < 1)
            yield return $"latent must be at least 1 (got {Latent})";
        if (AuxiliaryClassifier && UsesSpeech)
            yield return "auxiliary_classifier is the name-to-face AC-GAN: it needs a one-hot condition";
        // The mel encoder keeps as many blocks as its frames allow; the waveform encoder needs all six.
        var (encoded, blocks) = Condition == FaceCondition.Mel ? (MelSpeechEncoder.Frames(Samples), 1) : (Samples, ThesisSpeechChannels.Count);
        if (UsesSpeech && SeganSpeechEncoder.LengthsAfterBlocks(encoded, blocks)[^1] < 1)
            yield return $"samples must be long enough for {blocks} stride-4 block(s) (got {Samples})";
    }
}
