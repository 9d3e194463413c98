using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>BicycleGAN's loss terms (<c>bicycle_gan_model.py</c>, <c>networks.GANLoss</c> with gan_mode lsgan).</summary>
public static class BicycleGanLosses
{
    /// <summary>LSGAN over every scale: Σ_scales mean (D − target)², target 1 for real and 0 for fake.</summary>
    public static Tensor LeastSquares(IReadOnlyList<Tensor> logitsPerScale, bool targetIsReal)
    {
        if (logitsPerScale.Count == 0)
            throw new ArgumentException("no discriminator outputs", nameof(logitsPerScale));
        Tensor? total = null;
        foreach (var logits in logitsPerScale)
        {
            using var target = targetIsReal ? torch.ones_like(logits) : torch.zeros_like(logits);
            var scaleLoss = F.mse_loss(logits, target);
            if (total is null)
            {
                total = scaleLoss;
                continue;
            }
            using (var previous = total)
            using (scaleLoss)
                total = previous + scaleLoss;
        }
        return total!;
    }

    /// <summary>KL(N(μ, σ²) ‖ N(0, I)) summed over batch and dimensions: −½ Σ(1 + log σ² − μ² − σ²) (not averaged, as the reference).</summary>
    public static Tensor KlDivergence(Tensor mu, Tensor logvar)
    {
        using var muSquared = mu.pow(Scalars.Of(2));
        using var variance = logvar.exp();
        using var onePlusLogvar = logvar + Scalars.Of(1.0);
        using var minusMuSquared = onePlusLogvar - muSquared;
        using var terms = minusMuSquared - variance;
        using var total = terms.sum();
        return total * Scalars.Of(-0.5);
    }

    /// <summary>The reparameterisation z = μ + e^{½ log σ²}·ε with ε ~ N(0, I) given.</summary>
    public static Tensor Reparameterise(Tensor mu, Tensor logvar, Tensor epsilon)
    {
        using var halfLogvar = logvar * Scalars.Of(0.5);
        using var std = halfLogvar.exp();
        using var scaledNoise = epsilon * std;
        return scaledNoise + mu;
    }
}
