namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// StackGAN-v2's losses as the speech-to-image code trains them (reference <c>trainer.train_Dnet</c>/<c>train_Gnet</c>,
/// birds_3stages.yml: unconditional weight 1, KL weight 2, class-aware loss on). Binary cross-entropy on the critics'
/// probabilities; a "wrong" image is a real one of another class, given the caption's condition.
/// </summary>
public static class StackGanLosses
{
    /// <summary>
    /// One scale's critic loss: conditional real → 1, wrong → 0, fake → 0, plus <paramref name="unconditionalWeight"/> ×
    /// the unconditional real → 1, wrong → 1 (it is a real image), fake → 0.
    /// </summary>
    public static Tensor Critic(
        (Tensor Conditional, Tensor Unconditional) real,
        (Tensor Conditional, Tensor Unconditional) wrong,
        (Tensor Conditional, Tensor Unconditional) fake,
        double unconditionalWeight
    )
    {
        using var scope = torch.NewDisposeScope();
        var conditional = Bce(real.Conditional, 1).add(Bce(wrong.Conditional, 0)).add(Bce(fake.Conditional, 0));
        var unconditional = Bce(real.Unconditional, 1).add(Bce(wrong.Unconditional, 1)).add(Bce(fake.Unconditional, 0));
        return conditional.add(unconditional.mul(Scalars.Of(unconditionalWeight))).MoveToOuterDisposeScope();
    }

    /// <summary>One scale's generator loss: its fakes judged real, conditionally and (weighted) unconditionally.</summary>
    public static Tensor Generator((Tensor Conditional, Tensor Unconditional) fake, double unconditionalWeight)
    {
        using var scope = torch.NewDisposeScope();
        return Bce(fake.Conditional, 1).add(Bce(fake.Unconditional, 1).mul(Scalars.Of(unconditionalWeight))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The reference's undocumented class-aware loss on the critic's codes F [B, D] of the fakes: max(0, mean(F Fᵀ) −
    /// mean over same-class pairs i ≠ j of (F Fᵀ)) / D, and 0 when the batch has no such pair. It pulls fakes of one class
    /// together in the critic's feature space.
    /// </summary>
    public static Tensor ClassAware(Tensor codes, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        var scores = codes.mm(codes.t());
        var batch = codes.size(0);
        var pairs = labels
            .unsqueeze(0)
            .eq(labels.unsqueeze(1))
            .logical_and(torch.eye(batch, dtype: ScalarType.Bool, device: codes.device).logical_not());
        if (pairs.sum().item<long>() == 0)
            return torch.zeros([], codes.dtype, codes.device).MoveToOuterDisposeScope();
        var gap = scores.mean().sub(scores.masked_select(pairs).mean());
        return gap.clamp_min(Scalars.Of(0)).div(Scalars.Of((double)codes.size(1))).MoveToOuterDisposeScope();
    }

    private static Tensor Bce(Tensor probabilities, double target)
    {
        using var targets = torch.full_like(probabilities, Scalars.Of(target));
        return nn.functional.binary_cross_entropy(probabilities, targets);
    }
}
