using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// BicycleGAN's <c>UnetBlock_with_z</c>: the pix2pix U-Net level (<see cref="UnetSkipConnectionBlock"/>) with the
/// latent code tiled to the level's input size and concatenated before its down convolution, and every convolution
/// biased (the reference always keeps biases). down = [LeakyReLU(0.2), conv 4×4 s2, norm], up = [ReLU,
/// ConvTranspose 4×4 s2, norm, optional Dropout(0.5)]; the outermost has no LeakyReLU/norm and ends in Tanh, the
/// innermost has no down norm. state_dict "down.1.weight", "submodule.…", "up.1.weight" as the reference.
/// </summary>
public sealed class UnetBlockWithZ : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential down;
    private readonly UnetBlockWithZ? submodule;
    private readonly Sequential up;
    private readonly UnetLevel level;

    /// <param name="input_channels">Channels of this level's input, before z is appended.</param>
    /// <param name="outer_channels">Channels this level's up path returns (before the skip is appended).</param>
    /// <param name="inner_channels">Channels after the down convolution.</param>
    public UnetBlockWithZ(
        long input_channels,
        long outer_channels,
        long inner_channels,
        long nz,
        UnetLevel level,
        UnetBlockWithZ? submodule,
        NormKind norm,
        bool use_dropout = false
    )
        : base(nameof(UnetBlockWithZ))
    {
        if ((submodule is null) != (level == UnetLevel.Innermost))
            throw new ArgumentException("exactly the innermost level has no submodule", nameof(submodule));
        this.level = level;
        this.submodule = submodule;
        var downconv = torch.nn.Conv2d(input_channels + nz, inner_channels, 4, stride: 2, padding: 1);
        // The innermost level's up path sees only its own down output; the others see [up(sub), skip].
        var upconv = torch.nn.ConvTranspose2d(
            level == UnetLevel.Innermost ? inner_channels : inner_channels * 2,
            outer_channels,
            4,
            stride: 2,
            padding: 1
        );
        switch (level)
        {
            case UnetLevel.Outermost:
                down = torch.nn.Sequential(downconv);
                up = torch.nn.Sequential(torch.nn.ReLU(), upconv, torch.nn.Tanh());
                break;
            case UnetLevel.Innermost:
                down = torch.nn.Sequential(torch.nn.LeakyReLU(0.2), downconv);
                up = torch.nn.Sequential(torch.nn.ReLU(), upconv, NormLayer.Create(norm, outer_channels));
                break;
            default:
                down = torch.nn.Sequential(torch.nn.LeakyReLU(0.2), downconv, NormLayer.Create(norm, inner_channels));
                up = torch.nn.Sequential(torch.nn.ReLU(), upconv, NormLayer.Create(norm, outer_channels));
                if (use_dropout)
                    up.append(torch.nn.Dropout(0.5));
                break;
        }
        RegisterComponents();
    }

    /// <summary>x [B, C, H, W], z [B, nz] → [B, out(+C for inner levels), 2H... ] as the reference's forward.</summary>
    public override Tensor forward(Tensor x, Tensor z)
    {
        var (batch, nz) = (z.size(0), z.size(1));
        using var zColumn = z.view(batch, nz, 1, 1);
        using var zImage = zColumn.expand(batch, nz, x.size(2), x.size(3));
        using var xAndZ = torch.cat(new[] { x, zImage }, 1);
        using var downsampled = down.call(xAndZ);
        if (level == UnetLevel.Innermost)
        {
            using var bottleneckUp = up.call(downsampled);
            return torch.cat(new[] { bottleneckUp, x }, 1);
        }
        using var inner = submodule!.call(downsampled, z);
        if (level == UnetLevel.Outermost)
            return up.call(inner);
        using var upsampled = up.call(inner);
        return torch.cat(new[] { upsampled, x }, 1);
    }
}
