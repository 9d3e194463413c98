using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// BicycleGAN's encoder <c>BasicBlock</c>: conv = [norm, LeakyReLU(0.2), conv3×3 in→in, norm, LeakyReLU(0.2),
/// [conv3×3 in→out, AvgPool 2]] plus shortcut = [AvgPool 2, conv1×1 in→out]; halves the side. All convs biased.
/// state_dict "conv.2.weight", "conv.5.0.weight", "shortcut.1.weight" as the reference.
/// </summary>
public sealed class ResidualDownBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential conv;
    private readonly Sequential shortcut;

    public ResidualDownBlock(long in_channels, long out_channels, NormKind norm)
        : base(nameof(ResidualDownBlock))
    {
        conv = torch.nn.Sequential(
            NormLayer.Create(norm, in_channels),
            torch.nn.LeakyReLU(0.2),
            torch.nn.Conv2d(in_channels, in_channels, 3, stride: 1, padding: 1),
            NormLayer.Create(norm, in_channels),
            torch.nn.LeakyReLU(0.2),
            torch.nn.Sequential(torch.nn.Conv2d(in_channels, out_channels, 3, stride: 1, padding: 1), torch.nn.AvgPool2d(2, stride: 2))
        );
        shortcut = torch.nn.Sequential(torch.nn.AvgPool2d(2, stride: 2), torch.nn.Conv2d(in_channels, out_channels, 1));
        RegisterComponents();
    }

    /// <summary>[B, in, H, W] → [B, out, H/2, W/2].</summary>
    public override Tensor forward(Tensor input)
    {
        using var residual = conv.call(input);
        using var skipped = shortcut.call(input);
        return residual + skipped;
    }
}
