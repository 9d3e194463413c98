namespace Dino.Repro.Models.Dino;

/// <summary>
/// The options of DINO's hinge and balance (paper Eq. 4–5) that every DINO variant has: image-to-image, bidirectional and
/// video-to-speech differ in networks and data, not in these.
/// </summary>
public interface IDinoBalanceOptions
{
    /// <summary>m, the hinge's margin (Eq. 5); 0 = no cutoff.</summary>
    double Margin { get; }

    /// <summary>γ, the target ratio E_real/E_fake (Eq. 4).</summary>
    double Gamma { get; }

    /// <summary>λ_k, the controller's gain (Eq. 4).</summary>
    double BalanceGain { get; }

    /// <summary>Whether k follows Eq. 4 or stays at <see cref="InitialK"/>.</summary>
    bool AdaptiveBalance { get; }

    /// <summary>k₀.</summary>
    double InitialK { get; }
}

/// <summary>What the balance options allow and the controller they make.</summary>
public static class DinoBalance
{
    public static IEnumerable<string> Problems(IDinoBalanceOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!(o.Margin >= 0))
            yield return $"margin must not be negative (got {o.Margin})";
        if (!(o.Gamma > 0))
            yield return $"gamma must be positive (got {o.Gamma})";
        if (!(o.BalanceGain >= 0))
            yield return $"balance_gain must not be negative (got {o.BalanceGain})";
        if (o.InitialK is < 0 or > 1)
            yield return $"initial_k must lie in [0, 1] (got {o.InitialK})";
    }

    public static BalanceController Controller(IDinoBalanceOptions o) => new(o.BalanceGain, o.Gamma, o.AdaptiveBalance);
}
