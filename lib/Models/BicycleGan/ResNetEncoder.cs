using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// BicycleGAN's E (<c>E_ResNet</c>, netE resnet_256 with vaeLike): conv 4×4 s2 in→nef, then
/// <see cref="BlocksFor"/> residual down blocks with channels nef·min(4, n) → nef·min(4, n+1), LeakyReLU(0.2),
/// AvgPool(8) to 1×1, and two Linear heads for μ and log σ². state_dict "conv.0.weight", "conv.1.conv.2.weight",
/// "fc.0.weight", "fcVar.0.weight" as the reference.
/// </summary>
public sealed class ResNetEncoder : nn.Module<Tensor, (Tensor mu, Tensor logvar)>
{
    private const int MaxMultiplier = 4;
    private readonly Sequential conv;
    private readonly Sequential fc;
    private readonly Sequential fcVar;

    public ResNetEncoder(long input_channels, long nz, int image_size, long nef = 64, NormKind norm = NormKind.Instance)
        : base(nameof(ResNetEncoder))
    {
        conv = torch.nn.Sequential(torch.nn.Conv2d(input_channels, nef, 4, stride: 2, padding: 1));
        long channels = nef;
        for (var n = 1; n <= BlocksFor(image_size); n++)
        {
            channels = nef * Math.Min(MaxMultiplier, n + 1);
            conv.append(new ResidualDownBlock(nef * Math.Min(MaxMultiplier, n), channels, norm));
        }
        conv.append(torch.nn.LeakyReLU(0.2));
        conv.append(torch.nn.AvgPool2d(8));
        fc = torch.nn.Sequential(torch.nn.Linear(channels, nz));
        fcVar = torch.nn.Sequential(torch.nn.Linear(channels, nz));
        RegisterComponents();
    }

    /// <summary>
    /// Residual blocks that bring the side to 8 before AvgPool(8): log2(side) − 4 (resnet_256: 4, resnet_128: 3).
    /// </summary>
    public static int BlocksFor(int image_size)
    {
        if (image_size < 32 || (image_size & (image_size - 1)) != 0)
            throw new ArgumentOutOfRangeException(
                nameof(image_size),
                image_size,
                "the encoder takes square images whose side is a power of two ≥ 32"
            );
        return System.Numerics.BitOperations.Log2((uint)image_size) - 4;
    }

    /// <summary>images [B, C, S, S] → (μ [B, nz], log σ² [B, nz]).</summary>
    public override (Tensor mu, Tensor logvar) forward(Tensor images)
    {
        using var features = conv.call(images);
        using var flat = features.flatten(1);
        return (fc.call(flat), fcVar.call(flat));
    }
}
