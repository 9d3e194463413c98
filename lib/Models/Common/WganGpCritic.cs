using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>One WGAN-GP critic update (Gulrajani et al. 2017): loss λ·GP − (mean D(real) − mean D(fake)), stepped by its optimiser.</summary>
public static class WganGpCritic
{
    /// <param name="critic">Scores [B] of a batch shaped as <paramref name="real"/> (any condition captured by the caller).</param>
    /// <param name="fake">Generated examples, already detached.</param>
    /// <returns>The loss, the Wasserstein estimate mean D(real) − mean D(fake) and the penalty, for the log.</returns>
    public static (Tensor loss, Tensor wasserstein, Tensor penalty) Update(
        Func<Tensor, Tensor> critic,
        Tensor real,
        Tensor fake,
        double penaltyWeight,
        optim.Optimizer optimizer
    )
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(optimizer);
        var wasserstein = critic(real).mean() - critic(fake).mean();
        var penalty = GradientPenalty.Of(critic, real, fake);
        var loss = penalty * Scalars.Of(penaltyWeight) - wasserstein;
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return (loss, wasserstein, penalty);
    }
}
