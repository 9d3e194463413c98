using Dino.Repro.Models.Common;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// Options of one-way DINO image-to-image translation. Defaults are the paper's where it gives one, the reference
/// code's (DinoMan/DINO <c>train.py</c>) otherwise; the shared <see cref="TrainingOptions"/> keep theirs except the
/// batch size (the reference's 8).
/// </summary>
public record DinoOptions : ImageToImageOptions, IDinoBalanceOptions
{
    public DinoOptions() => BatchSize = 8;

    /// <summary>Image channels of source and target. Default 3 (RGB photos, colour-coded masks).</summary>
    public int Channels { get; init; } = 3;

    /// <summary>
    /// Channels of the first encoder layer; each later one doubles, up to 8× this, and the decoder mirrors them. Default
    /// 64 (the reference's 64 … 512); the smoke preset's networks are narrower so its checkpoints stay small.
    /// </summary>
    public int Width { get; init; } = (int)DinoEncoder.ReferenceWidth;

    /// <summary>Noise channels appended to the Forward network's code. Default 32.</summary>
    public int NoiseSize { get; init; } = 32;

    /// <summary>Standard deviation of the noise, z ~ N(0, σ²). Default 0.33.</summary>
    public double NoiseStd { get; init; } = 0.33;

    /// <summary>Margin m of the hinge (Eq. 5); 0 = no cutoff, balancing only. Default 0.2.</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>
    /// γ, the target ratio E_real/E_fake of the controller (Eq. 4). Default 0.8 (the paper, image-to-image; the code's default is 0.7).
    /// </summary>
    public double Gamma { get; init; } = 0.8;

    /// <summary>λ_k, the controller's gain (Eq. 4). Default 0.001.</summary>
    public double BalanceGain { get; init; } = 0.001;

    /// <summary>
    /// Adaptive balancing on (Eq. 4) or off. Off, k stays at <see cref="InitialK"/>; Table 4's "no balance, fixed
    /// margin" row is off with initial_k 1 (EBGAN's margin loss) — the paper does not print that k (✘ a choice).
    /// Default true.
    /// </summary>
    public bool AdaptiveBalance { get; init; } = true;

    /// <summary>k₀, the controller's starting value. Default 0.</summary>
    public double InitialK { get; init; }

    /// <summary>λ, the weight of the Forward network's L1 reconstruction term; 0 = Table 4's "w/o L1". Default 1.0.</summary>
    public double ReconstructionWeight { get; init; } = 1.0;

    /// <summary>Decay both learning rates linearly to 0 at the last step (the reference decays per epoch over its 200). Default true.</summary>
    public bool LinearDecay { get; init; } = true;

    /// <summary>
    /// z ~ N(0, σ²) of shape [<paramref name="batch"/>, noise_size] on <paramref name="device"/>, drawn on the CPU from
    /// <paramref name="generator"/> (torch's default when null) so a seeded run draws the same noise on any device; null
    /// without noise (noise_size 0).
    /// </summary>
    public Tensor? SampleNoise(long batch, Device device, Generator? generator = null)
    {
        if (NoiseSize == 0)
            return null;
        using var unit = torch.randn(new long[] { batch, NoiseSize }, generator: generator);
        using var scaled = unit * Scalars.Of(NoiseStd);
        return scaled.to(device);
    }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution < 16 || Resolution > 1024 || (Resolution & (Resolution - 1)) != 0)
            yield return $"resolution must be a power of two from 16 to 1024 (got {Resolution})";
        if (Width < 1)
            yield return $"width must be at least 1 (got {Width})";
        if (Channels < 1)
            yield return $"channels must be at least 1 (got {Channels})";
        if (NoiseSize < 0)
            yield return $"noise_size must not be negative (got {NoiseSize})";
        if (!(NoiseStd >= 0))
            yield return $"noise_std must not be negative (got {NoiseStd})";
        foreach (var problem in DinoBalance.Problems(this))
            yield return problem;
        if (!(ReconstructionWeight >= 0))
            yield return $"reconstruction_weight must not be negative (got {ReconstructionWeight})";
    }
}
