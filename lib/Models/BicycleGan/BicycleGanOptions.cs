using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// Options of the BicycleGAN baseline (Zhu et al., 2017; junyanz/BicycleGAN's defaults for <c>--model bicycle_gan</c>
/// with unet_256 and where_add "all", resnet_256 encoder, basic_256_multi discriminators): nz 8, instance norm,
/// LSGAN, λ_L1 10, λ_kl 0.01, λ_z 0.5, batch 2 split into the cVAE-GAN and cLR-GAN halves.
/// </summary>
public sealed record BicycleGanOptions : ImageToImageOptions
{
    public BicycleGanOptions() => BatchSize = 2;

    /// <summary>Channels of condition A. Default 3.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Channels of target B (also the encoder's input). Default 3.</summary>
    public int OutputChannels { get; init; } = 3;

    /// <summary>Size of the latent code z (nz). Default 8.</summary>
    public int Nz { get; init; } = 8;

    /// <summary>Filters of the generator's first layer (ngf). Default 64.</summary>
    public int Ngf { get; init; } = 64;

    /// <summary>Filters of each discriminator's finest scale (ndf; the coarser scale gets ndf/2). Default 64.</summary>
    public int Ndf { get; init; } = 64;

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

    /// <summary>Normalisation in G, E and both D: "instance" (no affine), "batch" or "none". Default "instance".</summary>
    public string Norm { get; init; } = "instance";

    /// <summary>Dropout(0.5) in the generator's num_downs − 5 levels above the bottleneck (the training scripts' --use_dropout). Default true.</summary>
    public bool Dropout { get; init; } = true;

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

    /// <summary>Adam's learning rate for G, E, D and D2. Default 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1. Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Fraction of the steps at the full rate before the linear decay to 0 (niter 100 + niter_decay 100). Default 0.5.</summary>
    public double ConstantLrFraction { get; init; } = 0.5;

    /// <summary>Rows (condition | target | G(A, μ(B)) | G(A, z) for two fixed z) in a sample grid. Default 4.</summary>
    public int SampleCount { get; init; } = 4;

    internal NormKind NormKind => NormLayer.Parse(Norm);

    /// <summary><see cref="DiscriminatorLayers"/> or the resolution's reference value.</summary>
    public int ResolvedDiscriminatorLayers => DiscriminatorLayers ?? (Resolution >= 256 ? 3 : 2);

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate()) yield return problem;
        if (Resolution < 32 || (Resolution & (Resolution - 1)) != 0) yield return $"resolution must be a power of two ≥ 32 (got {Resolution})";
        if (BatchSize < 2) yield return $"batch_size must be at least 2: the batch is split into an encoded and a random half (got {BatchSize})";
        if (InputChannels < 1 || OutputChannels < 1) yield return $"input_channels and output_channels must be at least 1 (got {InputChannels}, {OutputChannels})";
        if (Nz < 1) yield return $"nz must be at least 1 (got {Nz})";
        if (Ngf < 1 || Ndf < 1 || Nef < 1) yield return $"ngf, ndf and nef must be at least 1 (got {Ngf}, {Ndf}, {Nef})";
        if (DiscriminatorLayers is < 1) yield return $"discriminator_layers must be at least 1 (got {DiscriminatorLayers})";
        if (DiscriminatorScales < 1) yield return $"discriminator_scales must be at least 1 (got {DiscriminatorScales})";
        if (Norm is not ("instance" or "batch" or "none")) yield return $"norm must be instance, batch or none (got '{Norm}')";
        if (!(GanWeight >= 0) || !(GanWeight2 >= 0) || !(L1Weight >= 0) || !(KlWeight >= 0) || !(LatentWeight >= 0))
            yield return "gan_weight, gan_weight2, l1_weight, kl_weight and latent_weight must not be negative";
        if (!(InitGain > 0)) yield return $"init_gain must be positive (got {InitGain})";
        if (!(LearningRate > 0)) yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1) yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (ConstantLrFraction is < 0 or > 1) yield return $"constant_lr_fraction must lie in [0, 1] (got {ConstantLrFraction})";
        if (SampleCount < 1) yield return $"sample_count must be at least 1 (got {SampleCount})";
    }
}
