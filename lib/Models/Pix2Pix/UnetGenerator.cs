using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Pix2Pix;

/// <summary>
/// pix2pix's U-Net generator (<c>UnetGenerator</c>) built from <see cref="UnetSkipConnectionBlock"/>s: num_downs
/// halvings down to 1×1 (8 = unet_256, 7 = unet_128; <see cref="DownsFor"/> picks log2 of the side), channels ngf,
/// 2ngf, 4ngf, then 8ngf; the num_downs − 5 levels right above the bottleneck carry Dropout(0.5).
/// state_dict "model.model.1.model.3…", the reference's.
/// </summary>
public sealed class UnetGenerator : nn.Module<Tensor, Tensor>
{
    private readonly UnetSkipConnectionBlock model;

    public UnetGenerator(
        long input_channels,
        long output_channels,
        int num_downs,
        long ngf = 64,
        NormKind norm = NormKind.Batch,
        bool use_dropout = true
    )
        : base(nameof(UnetGenerator))
    {
        if (num_downs < 5)
            throw new ArgumentOutOfRangeException(nameof(num_downs), num_downs, "pix2pix's U-Net needs at least 5 halvings");
        var block = new UnetSkipConnectionBlock(ngf * 8, ngf * 8, UnetLevel.Innermost, null, norm);
        for (var i = 0; i < num_downs - 5; i++)
            block = new UnetSkipConnectionBlock(ngf * 8, ngf * 8, UnetLevel.Middle, block, norm, use_dropout);
        block = new UnetSkipConnectionBlock(ngf * 4, ngf * 8, UnetLevel.Middle, block, norm);
        block = new UnetSkipConnectionBlock(ngf * 2, ngf * 4, UnetLevel.Middle, block, norm);
        block = new UnetSkipConnectionBlock(ngf, ngf * 2, UnetLevel.Middle, block, norm);
        model = new UnetSkipConnectionBlock(output_channels, ngf, UnetLevel.Outermost, block, norm, input_channels: input_channels);
        RegisterComponents();
        WeightInit.Normal(this);
    }

    /// <summary>Halvings that take a side-<paramref name="image_size"/> image to 1×1: log2 of the side (a power of two ≥ 32).</summary>
    public static int DownsFor(int image_size)
    {
        if (image_size < 32 || (image_size & (image_size - 1)) != 0)
            throw new ArgumentOutOfRangeException(
                nameof(image_size),
                image_size,
                "pix2pix's U-Net takes square images whose side is a power of two ≥ 32"
            );
        return System.Numerics.BitOperations.Log2((uint)image_size);
    }

    /// <summary>image [B, in, S, S] → translation [B, out, S, S] in (−1, 1).</summary>
    public override Tensor forward(Tensor image) => model.call(image);
}
