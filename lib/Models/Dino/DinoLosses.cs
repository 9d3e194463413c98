using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.Dino;

/// <summary>The terms of DINO's objective (paper Eq. 3 and 5; reference <c>train.py</c>).</summary>
public static class DinoLosses
{
    /// <summary>
    /// The energy d(u, v): the mean of (u − v)² over batch, channels and pixels — the Reverse network's reconstruction
    /// error of the source (Eq. 3, d = MSE).
    /// </summary>
    public static Tensor Energy(Tensor reconstruction, Tensor source) => F.mse_loss(reconstruction, source);

    /// <summary>
    /// Whether the fake term is active: m = 0 turns the cutoff off (pure balancing), otherwise only while E_fake &lt; m.
    /// The test is on the batch mean, as the reference's, not per example.
    /// </summary>
    public static bool HingeActive(double energyFake, double margin) => margin == 0 || energyFake < margin;

    /// <summary>
    /// The Reverse network's loss, Eq. 5: E_real + k·(m − E_fake) while the hinge is active, E_real otherwise
    /// (i.e. E_real + k·max(0, m − E_fake) for m &gt; 0).
    /// </summary>
    public static Tensor ReverseLoss(Tensor energyReal, Tensor energyFake, double k, double margin)
    {
        if (!HingeActive(energyFake.ToDouble(), margin))
            return energyReal.alias();
        // Explicit scalars held to the end: TorchSharp 0.107's implicit ones can be finalised during the native call.
        using Scalar m = margin,
            weight = k;
        using var shortfall = m - energyFake;
        using var weighted = shortfall * weight;
        return energyReal + weighted;
    }

    /// <summary>
    /// The Forward network's loss, Eq. 5 plus the reconstruction term: d(R(F(x, z)), x) + λ·mean|F(x, z) − y|
    /// (λ = 0 drops the L1 term: the Table 4 ablation). With <paramref name="squaredError"/> the term is
    /// λ·d(F(x, z), y), the MSE of bidirectional DINO's generation stage.
    /// </summary>
    public static Tensor ForwardLoss(
        Tensor energyOfTranslation,
        Tensor translation,
        Tensor target,
        double reconstructionWeight,
        bool squaredError = false
    )
    {
        if (reconstructionWeight == 0)
            return energyOfTranslation.alias();
        using var reconstruction = squaredError ? Energy(translation, target) : F.l1_loss(translation, target);
        using var weighted = reconstruction * Scalars.Of(reconstructionWeight);
        return energyOfTranslation + weighted;
    }
}
