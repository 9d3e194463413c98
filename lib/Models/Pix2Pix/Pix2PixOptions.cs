using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.Pix2Pix;

/// <summary>
/// Options of the pix2pix baseline (Isola et al., 2017; junyanz/pytorch-CycleGAN-and-pix2pix's defaults for
/// <c>--model pix2pix</c>): unet_256 with batch norm and dropout, basic PatchGAN, vanilla GAN loss, λ_L1 = 100,
/// batch 1.
/// </summary>
public sealed record Pix2PixOptions : ConditionalGanOptions
{
    public Pix2PixOptions()
    {
        BatchSize = 1;
        Norm = "batch";
    }

    /// <summary>Stride-2 layers of the PatchGAN after its first (3 = "basic", 70×70 patches). Default 3.</summary>
    public int DiscriminatorLayers { get; init; } = 3;

    /// <summary>λ_L1, the weight of mean|G(A) − B| in the generator's loss. Default 100.</summary>
    public double L1Weight { get; init; } = 100;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (DiscriminatorLayers < 1)
            yield return $"discriminator_layers must be at least 1 (got {DiscriminatorLayers})";
        if (!(L1Weight >= 0))
            yield return $"l1_weight must not be negative (got {L1Weight})";
    }
}
