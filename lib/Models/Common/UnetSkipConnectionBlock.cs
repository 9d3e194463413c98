using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>Where a <see cref="UnetSkipConnectionBlock"/> sits in the U-Net.</summary>
public enum UnetLevel
{
    /// <summary>Takes the image, returns the output image (no skip, a biased ConvTranspose and Tanh).</summary>
    Outermost,

    /// <summary>Has a submodule; returns [x, up(sub(down(x)))].</summary>
    Middle,

    /// <summary>The bottleneck: no submodule, no norm on its down path.</summary>
    Innermost,
}

/// <summary>
/// pix2pix's recursive U-Net level (<c>UnetSkipConnectionBlock</c>): down = [LeakyReLU(0.2), conv 4×4 s2, norm],
/// then the submodule, then up = [ReLU, ConvTranspose 4×4 s2, norm, optional Dropout(0.5)], and the input is
/// concatenated to the result (the skip). Kept recursive so state_dict names equal the reference's
/// ("model.1.model.3.weight", ...), which lets pix2pix checkpoints load.
/// </summary>
public sealed class UnetSkipConnectionBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential model;
    private readonly UnetLevel level;

    /// <param name="outer_channels">Channels of this level's input (or <paramref name="input_channels"/> for the outermost) and output.</param>
    /// <param name="inner_channels">Channels after this level's down convolution.</param>
    public UnetSkipConnectionBlock(
        long outer_channels,
        long inner_channels,
        UnetLevel level,
        UnetSkipConnectionBlock? submodule,
        NormKind norm,
        bool use_dropout = false,
        long? input_channels = null
    )
        : base(nameof(UnetSkipConnectionBlock))
    {
        if ((submodule is null) != (level == UnetLevel.Innermost))
            throw new ArgumentException("exactly the innermost level has no submodule", nameof(submodule));
        this.level = level;
        var bias = NormLayer.ConvBias(norm);
        var downconv = torch.nn.Conv2d(input_channels ?? outer_channels, inner_channels, 4, stride: 2, padding: 1, bias: bias);
        model = level switch
        {
            UnetLevel.Outermost => torch.nn.Sequential(
                downconv,
                submodule!,
                torch.nn.ReLU(),
                torch.nn.ConvTranspose2d(inner_channels * 2, outer_channels, 4, stride: 2, padding: 1),
                torch.nn.Tanh()
            ),
            UnetLevel.Innermost => torch.nn.Sequential(
                torch.nn.LeakyReLU(0.2),
                downconv,
                torch.nn.ReLU(),
                torch.nn.ConvTranspose2d(inner_channels, outer_channels, 4, stride: 2, padding: 1, bias: bias),
                NormLayer.Create(norm, outer_channels)
            ),
            _ => torch.nn.Sequential(
                torch.nn.LeakyReLU(0.2),
                downconv,
                NormLayer.Create(norm, inner_channels),
                submodule!,
                torch.nn.ReLU(),
                torch.nn.ConvTranspose2d(inner_channels * 2, outer_channels, 4, stride: 2, padding: 1, bias: bias),
                NormLayer.Create(norm, outer_channels)
            ),
        };
        if (use_dropout && level == UnetLevel.Middle)
            model.append(torch.nn.Dropout(0.5));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (level == UnetLevel.Outermost)
            return model.call(x);
        using var inner = model.call(x);
        return torch.cat(new[] { x, inner }, 1);
    }
}
