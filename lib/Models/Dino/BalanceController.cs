namespace Dino.Repro.Models.Dino;

/// <summary>
/// DINO's adaptive balance (paper Eq. 4, a proportional controller after BEGAN): k ← clip(k + λ_k·(E_real − γ·E_fake),
/// 0, 1), fed the batch energies of the Reverse step before R's update. It drives E_fake towards E_real/γ.
/// With <see cref="Adaptive"/> off k never moves: k = 1 with a margin is EBGAN's fixed-margin loss (Table 4).
/// </summary>
public sealed record BalanceController(double Gain, double Gamma, bool Adaptive = true)
{
    /// <summary>The balance b = E_real − γ·E_fake the controller pushes to 0.</summary>
    public double Balance(double energyReal, double energyFake) => energyReal - Gamma * energyFake;

    /// <summary>The next k (Eq. 4), clipped to [0, 1].</summary>
    public double Update(double k, double energyReal, double energyFake) =>
        Adaptive ? Math.Clamp(k + Gain * Balance(energyReal, energyFake), 0.0, 1.0) : k;
}
