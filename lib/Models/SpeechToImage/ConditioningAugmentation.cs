using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// StackGAN's conditioning augmentation (reference <c>CA_NET</c>): Linear(embedding → 4·E) and GLU give μ and log σ²
/// (E each); the condition is c = μ + ε·σ with ε ~ N(0, I) from torch's default generator. The generator's loss adds
/// the KL term to N(0, I), <see cref="KullbackLeibler"/>.
/// </summary>
public sealed class ConditioningAugmentation : nn.Module<Tensor, (Tensor Code, Tensor Mean, Tensor LogVariance)>
{
    private readonly Linear linear;
    private readonly Glu glu = new();

    public ConditioningAugmentation(int embedding, int condition)
        : base(nameof(ConditioningAugmentation))
    {
        Condition = condition;
        linear = nn.Linear(embedding, 4 * condition);
        RegisterComponents();
    }

    public int Condition { get; }

    public override (Tensor Code, Tensor Mean, Tensor LogVariance) forward(Tensor embedding)
    {
        using var scope = torch.NewDisposeScope();
        var gated = glu.call(linear.call(embedding));
        var mean = gated.narrow(1, 0, Condition);
        var logVariance = gated.narrow(1, Condition, Condition);
        var code = torch.randn_like(mean).mul(logVariance.mul(Scalars.Of(0.5)).exp()).add(mean);
        return (code.MoveToOuterDisposeScope(), mean.MoveToOuterDisposeScope(), logVariance.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The reference's <c>KL_loss</c>: −½ · mean over batch and code of (1 + log σ² − μ² − σ²) — the per-dimension KL to
    /// N(0, 1) averaged, not summed over the code (1/E of the textbook KL; its weight 2 was tuned on this form).
    /// </summary>
    public static Tensor KullbackLeibler(Tensor mean, Tensor logVariance)
    {
        using var scope = torch.NewDisposeScope();
        var terms = logVariance.add(Scalars.Of(1)).sub(mean.pow(Scalars.Of(2))).sub(logVariance.exp());
        return terms.mean().mul(Scalars.Of(-0.5)).MoveToOuterDisposeScope();
    }
}
