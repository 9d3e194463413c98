using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// An encoder's halving step: conv 4×4 stride 2 pad 1 → norm → LeakyReLU (DINO's encoder layers; pix2pix orders
/// its own differently, see <see cref="UnetSkipConnectionBlock"/>). state_dict "0.weight", like an nn.Sequential.
/// </summary>
public static class ConvDownBlock
{
    public static Sequential Create(long in_channels, long out_channels, NormKind norm, double negative_slope, bool bias = false) =>
        torch.nn.Sequential(
            ("0", torch.nn.Conv2d(in_channels, out_channels, 4, stride: 2, padding: 1, bias: bias)),
            ("1", NormLayer.Create(norm, out_channels)),
            ("2", torch.nn.LeakyReLU(negative_slope))
        );
}
