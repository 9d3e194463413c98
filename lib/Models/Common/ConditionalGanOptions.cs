namespace Dino.Repro.Models.Common;

/// <summary>
/// Options pix2pix and BicycleGAN share as their references' base_options do (junyanz's two repositories): separate
/// condition and target channels, U-Net and PatchGAN widths, the generator's dropout and the "linear" learning-rate
/// policy (constant, then a linear decay to 0).
/// </summary>
public abstract record ConditionalGanOptions : ImageToImageOptions
{
    /// <summary>Channels of condition A. Default 3.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Channels of target B. Default 3.</summary>
    public int OutputChannels { get; init; } = 3;

    /// <summary>Filters of the generator's first layer (ngf). Default 64.</summary>
    public int Ngf { get; init; } = 64;

    /// <summary>Filters of the discriminator's first layer (ndf). Default 64.</summary>
    public int Ndf { get; init; } = 64;

    /// <summary>Dropout(0.5) in the generator's up-blocks nearest the bottleneck (the reference's --use_dropout). Default true.</summary>
    public bool Dropout { get; init; } = true;

    /// <summary>Fraction of the steps at the full rate before the linear decay to 0 (the references' 100 + 100 epochs). Default 0.5.</summary>
    public double ConstantLrFraction { get; init; } = 0.5;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution < 32 || (Resolution & (Resolution - 1)) != 0)
            yield return $"resolution must be a power of two ≥ 32 (got {Resolution})";
        if (InputChannels < 1 || OutputChannels < 1)
            yield return $"input_channels and output_channels must be at least 1 (got {InputChannels}, {OutputChannels})";
        if (Ngf < 1 || Ndf < 1)
            yield return $"ngf and ndf must be at least 1 (got {Ngf}, {Ndf})";
        if (ConstantLrFraction is < 0 or > 1)
            yield return $"constant_lr_fraction must lie in [0, 1] (got {ConstantLrFraction})";
    }
}
