using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// pix2pix's PatchGAN (<c>NLayerDiscriminator</c>): C(ndf) s2 without norm, then n_layers−1 stride-2 convs doubling
/// the channels up to 8·ndf, one stride-1 conv, all 4×4 pad 1 with norm and LeakyReLU(0.2), and a 1-channel stride-1
/// conv giving one logit per patch. n_layers 3 = the 70×70 receptive field (30×30 logits at 256²). state_dict
/// "model.N.weight" as the reference.
/// </summary>
public sealed class PatchDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential model;

    public PatchDiscriminator(long input_channels, long ndf = 64, int n_layers = 3, NormKind norm = NormKind.Batch)
        : base(nameof(PatchDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n_layers);
        var bias = NormLayer.ConvBias(norm);
        model = torch.nn.Sequential(torch.nn.Conv2d(input_channels, ndf, 4, stride: 2, padding: 1), torch.nn.LeakyReLU(0.2));
        long channels = ndf;
        for (var n = 1; n <= n_layers; n++)
        {
            var next = ndf * Math.Min(1L << n, 8);
            var stride = n < n_layers ? 2 : 1;
            model.append(torch.nn.Conv2d(channels, next, 4, stride: stride, padding: 1, bias: bias));
            model.append(NormLayer.Create(norm, next));
            model.append(torch.nn.LeakyReLU(0.2));
            channels = next;
        }
        model.append(torch.nn.Conv2d(channels, 1, 4, stride: 1, padding: 1));
        RegisterComponents();
    }

    /// <summary>images [B, C, H, W] → logits [B, 1, H', W'], one per overlapping patch.</summary>
    public override Tensor forward(Tensor input) => model.call(input);
}
