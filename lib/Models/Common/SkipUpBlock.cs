using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// A U-Net decoder step with a skip (DINO's <c>UnetBlock2D</c> with resize convolutions): concatenate the encoder map
/// of the same size, mix with a 3×3 ConvTranspose back to <c>in_channels</c>, norm, ReLU, then a
/// <see cref="ResizeConv2d"/> doubling the size to <c>out_channels</c>, norm, ReLU; optional dropout after each.
/// state_dict names match the reference: "dcl1.weight", "activation1.0.*", "dcl2.conv.weight", "activation2.0.*".
/// </summary>
public sealed class SkipUpBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ConvTranspose2d dcl1;
    private readonly Sequential activation1;
    private readonly Dropout? dropout1;
    private readonly ResizeConv2d dcl2;
    private readonly Sequential activation2;
    private readonly Dropout? dropout2;

    public SkipUpBlock(long in_channels, long skip_channels, long out_channels, NormKind norm, bool bias = false, double dropout = 0)
        : base(nameof(SkipUpBlock))
    {
        dcl1 = torch.nn.ConvTranspose2d(in_channels + skip_channels, in_channels, 3, stride: 1, padding: 1, bias: bias);
        activation1 = torch.nn.Sequential(("0", NormLayer.Create(norm, in_channels)), ("1", torch.nn.ReLU()));
        dcl2 = new ResizeConv2d(in_channels, out_channels, 3, scale_factor: 2, bias: bias);
        activation2 = torch.nn.Sequential(("0", NormLayer.Create(norm, out_channels)), ("1", torch.nn.ReLU()));
        if (dropout > 0)
        {
            dropout1 = torch.nn.Dropout(dropout);
            dropout2 = torch.nn.Dropout(dropout);
        }
        RegisterComponents();
    }

    /// <summary>x [B, in, H, W], skip [B, skip, H, W] → [B, out, 2H, 2W].</summary>
    public override Tensor forward(Tensor x, Tensor skip)
    {
        using var joined = torch.cat(new[] { x, skip }, 1);
        using var mixed = dcl1.call(joined);
        var mixedActivated = Drop(dropout1, activation1.call(mixed));
        using (mixedActivated)
        {
            using var upsampled = dcl2.call(mixedActivated);
            return Drop(dropout2, activation2.call(upsampled));
        }
    }

    private static Tensor Drop(Dropout? dropout, Tensor x)
    {
        if (dropout is null)
            return x;
        using (x)
            return dropout.call(x);
    }
}
