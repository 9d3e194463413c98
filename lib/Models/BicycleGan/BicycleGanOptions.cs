using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// Options of the BicycleGAN baseline (Zhu et al., 2017; junyanz/BicycleGAN's defaults for <c>--model bicycle_gan</c>
/// with unet_256 and where_add "all", resnet_256 encoder, basic_256_multi discriminators): nz 8, instance norm,
/// LSGAN, λ_L1 10, λ_kl 0.01, λ_z 0.5, batch 2 split into the cVAE-GAN and cLR-GAN halves. Here ndf is each
/// discriminator's finest scale (the coarser gets ndf/2), the target channels are also the encoder's input, and dropout
/// sits in the generator's num_downs − 5 levels above the bottleneck.
/// </summary>
public sealed record BicycleGanOptions : ConditionalGanOptions
{
    public BicycleGanOptions() => BatchSize = 2;

    /// <summary>Size of the latent code z (nz). Default 8.</summary>
    public int Nz { get; init; } = 8;

    /// <summary>Filters of the encoder's first layer (nef). Default 64.</summary>
    public int Nef { get; init; } = 64;

    /// <summary>
    /// Stride-2 layers of each PatchGAN after its first; null follows the resolution as the reference's netD names do:
    /// 3 at 256 and above (basic_256_multi), 2 below (basic_128_multi — also what keeps the coarse scale's output
    /// non-empty at 32²). Default null.
    /// </summary>
    public int? DiscriminatorLayers { get; init; }

    /// <summary>Scales of each multi-scale discriminator (num_Ds). Default 2.</summary>
    public int DiscriminatorScales { get; init; } = 2;

    /// <summary>λ_GAN, weight of the cVAE-GAN branch's adversarial term (D on G(A, E(B))). Default 1.</summary>
    public double GanWeight { get; init; } = 1;

    /// <summary>λ_GAN2, weight of the cLR-GAN branch's adversarial term (D2 on G(A, z_random)). Default 1.</summary>
    public double GanWeight2 { get; init; } = 1;

    /// <summary>λ_L1, weight of mean|G(A, E(B)) − B|. Default 10.</summary>
    public double L1Weight { get; init; } = 10;

    /// <summary>λ_kl, weight of the KL term (summed over batch and dimensions). Default 0.01.</summary>
    public double KlWeight { get; init; } = 0.01;

    /// <summary>λ_z, weight of the latent regression mean|μ(E(G(A, z))) − z|, which updates G only. Default 0.5.</summary>
    public double LatentWeight { get; init; } = 0.5;

    /// <summary>Gain of the xavier-normal initialisation of every network (init_type xavier, init_gain). Default 0.02.</summary>
    public double InitGain { get; init; } = 0.02;

    /// <summary><see cref="DiscriminatorLayers"/> or the resolution's reference value.</summary>
    public int ResolvedDiscriminatorLayers => DiscriminatorLayers ?? (Resolution >= 256 ? 3 : 2);

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (BatchSize < 2)
            yield return $"batch_size must be at least 2: the batch is split into an encoded and a random half (got {BatchSize})";
        if (Nz < 1)
            yield return $"nz must be at least 1 (got {Nz})";
        if (Nef < 1)
            yield return $"nef must be at least 1 (got {Nef})";
        if (DiscriminatorLayers is < 1)
            yield return $"discriminator_layers must be at least 1 (got {DiscriminatorLayers})";
        if (DiscriminatorScales < 1)
            yield return $"discriminator_scales must be at least 1 (got {DiscriminatorScales})";
        if (!(GanWeight >= 0) || !(GanWeight2 >= 0) || !(L1Weight >= 0) || !(KlWeight >= 0) || !(LatentWeight >= 0))
            yield return "gan_weight, gan_weight2, l1_weight, kl_weight and latent_weight must not be negative";
        if (!(InitGain > 0))
            yield return $"init_gain must be positive (got {InitGain})";
    }
}
