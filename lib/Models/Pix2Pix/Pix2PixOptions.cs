using Dino.Repro.Models.Common;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Pix2Pix;

/// <summary>
/// Options of the pix2pix baseline (Isola et al., 2017; junyanz/pytorch-CycleGAN-and-pix2pix's defaults for
/// <c>--model pix2pix</c>): unet_256 with batch norm and dropout, basic PatchGAN, vanilla GAN loss, λ_L1 = 100,
/// batch 1.
/// </summary>
public sealed record Pix2PixOptions : ImageToImageOptions
{
    public Pix2PixOptions() => BatchSize = 1;

    /// <summary>Channels of condition A. Default 3.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Channels of target B. Default 3.</summary>
    public int OutputChannels { get; init; } = 3;

    /// <summary>Filters of the generator's first layer (ngf). Default 64.</summary>
    public int Ngf { get; init; } = 64;

    /// <summary>Filters of the discriminator's first layer (ndf). Default 64.</summary>
    public int Ndf { get; init; } = 64;

    /// <summary>Stride-2 layers of the PatchGAN after its first (3 = "basic", 70×70 patches). Default 3.</summary>
    public int DiscriminatorLayers { get; init; } = 3;

    /// <summary>Normalisation in both networks: "batch", "instance" or "none". Default "batch".</summary>
    public string Norm { get; init; } = "batch";

    /// <summary>Dropout(0.5) in the generator's innermost up-blocks (pix2pix's only noise source). Default true.</summary>
    public bool Dropout { get; init; } = true;

    /// <summary>λ_L1, the weight of mean|G(A) − B| in the generator's loss. Default 100.</summary>
    public double L1Weight { get; init; } = 100;

    /// <summary>Adam's learning rate for both networks. Default 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1. Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Fraction of the steps at the full rate before the linear decay to 0 (pix2pix: 100 + 100 epochs). Default 0.5.</summary>
    public double ConstantLrFraction { get; init; } = 0.5;

    /// <summary>Condition | target | translation rows in a sample grid. Default 4.</summary>
    public int SampleCount { get; init; } = 4;

    internal NormKind NormKind => NormLayer.Parse(Norm);

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate()) yield return problem;
        if (Resolution < 32 || (Resolution & (Resolution - 1)) != 0) yield return $"resolution must be a power of two ≥ 32 (got {Resolution})";
        if (InputChannels < 1 || OutputChannels < 1) yield return $"input_channels and output_channels must be at least 1 (got {InputChannels}, {OutputChannels})";
        if (Ngf < 1 || Ndf < 1) yield return $"ngf and ndf must be at least 1 (got {Ngf}, {Ndf})";
        if (DiscriminatorLayers < 1) yield return $"discriminator_layers must be at least 1 (got {DiscriminatorLayers})";
        if (Norm is not ("instance" or "batch" or "none")) yield return $"norm must be instance, batch or none (got '{Norm}')";
        if (!(L1Weight >= 0)) yield return $"l1_weight must not be negative (got {L1Weight})";
        if (!(LearningRate > 0)) yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1) yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (ConstantLrFraction is < 0 or > 1) yield return $"constant_lr_fraction must lie in [0, 1] (got {ConstantLrFraction})";
        if (SampleCount < 1) yield return $"sample_count must be at least 1 (got {SampleCount})";
    }
}
