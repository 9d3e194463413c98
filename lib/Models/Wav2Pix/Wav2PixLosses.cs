namespace Dino.Repro.Models.Wav2Pix;

/// <summary>The weights of the generator's loss terms (the ICASSP code's defaults).</summary>
/// <param name="FeatureMatching">On the squared error between the batch means of D's 4×4 features for fakes and real faces (100).</param>
/// <param name="L1">On the mean absolute error between the fakes and the real faces (50).</param>
/// <param name="Identity">On the auxiliary classifier's cross-entropy against the speaker (20).</param>
public sealed record Wav2PixLossWeights(double FeatureMatching = 100, double L1 = 50, double Identity = 20);

/// <summary>
/// Wav2Pix's least-squares objective as its ICASSP code trains it. D: (D(x, e) − 0.9)² on real faces with their speech
/// (one-sided label smoothing), D(G(e), e)² on fakes and D(x_wrong, e)² on a real face of another speaker (matching-aware),
/// each a mean over the batch. G: (D(G(e), e) − 1)² + λ_fm·‖mean_B φ(G(e)) − mean_B φ(x)‖² (mean over the 4×4 features,
/// the real side a constant) + λ_L1·|G(e) − x| + λ_id·CE(aux(e), speaker).
/// </summary>
public static class Wav2PixLosses
{
    /// <summary>The target of real scores: 1 smoothed down by 0.1.</summary>
    public const double RealTarget = 0.9;

    /// <summary>D's loss from its scores [B] on real, fake and mismatched faces.</summary>
    public static Tensor Discriminator(Tensor realScores, Tensor fakeScores, Tensor wrongScores)
    {
        using var scope = torch.NewDisposeScope();
        var real = (realScores - Scalars.Of(RealTarget)).pow(Scalars.Of(2)).mean();
        var loss = real + fakeScores.pow(Scalars.Of(2)).mean() + wrongScores.pow(Scalars.Of(2)).mean();
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>G's loss and its terms ("adversarial", "feature_matching", "l1", "identity"), the total first.</summary>
    public static (Tensor total, IReadOnlyDictionary<string, double> terms) Generator(
        Tensor fakeScores,
        Tensor fakeFeatures,
        Tensor realFeatures,
        Tensor fakes,
        Tensor reals,
        Tensor identityLogits,
        Tensor speakers,
        Wav2PixLossWeights weights
    )
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var scope = torch.NewDisposeScope();
        var adversarial = (fakeScores - Scalars.Of(1)).pow(Scalars.Of(2)).mean();
        var matching = (fakeFeatures.mean([0L]) - realFeatures.detach().mean([0L])).pow(Scalars.Of(2)).mean();
        var l1 = (fakes - reals).abs().mean();
        var identity = torch.nn.functional.cross_entropy(identityLogits, speakers);
        var total =
            adversarial + matching * Scalars.Of(weights.FeatureMatching) + l1 * Scalars.Of(weights.L1) + identity * Scalars.Of(weights.Identity);
        var terms = new Dictionary<string, double>
        {
            ["adversarial"] = adversarial.ToDouble(),
            ["feature_matching"] = matching.ToDouble(),
            ["l1"] = l1.ToDouble(),
            ["identity"] = identity.ToDouble(),
        };
        return (total.MoveToOuterDisposeScope(), terms);
    }
}
