using Dino.Repro.Models.Common;
using Dino.Repro.Models.Pix2Pix;
using TorchSharp.Modules;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// BicycleGAN's G (<c>G_Unet_add_all</c>, netG unet_256 with where_add "all"): the pix2pix U-Net shape — num_downs
/// halvings to 1×1, channels ngf, 2ngf, 4ngf then 8ngf, Dropout(0.5) in the num_downs − 5 levels above the bottleneck
/// — with z [B, nz] tiled into the input of every level. state_dict "model.down.1.weight", "model.submodule.…".
/// </summary>
public sealed class UnetAddAllGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly UnetBlockWithZ model;

    public UnetAddAllGenerator(
        long input_channels,
        long output_channels,
        long nz,
        int num_downs,
        long ngf = 64,
        NormKind norm = NormKind.Instance,
        bool use_dropout = true
    )
        : base(nameof(UnetAddAllGenerator))
    {
        // The reference hard-codes ≥ 6 levels (unet_128/256); 5 is the same recipe minus one 8ngf level, for 32².
        if (num_downs < 5)
            throw new ArgumentOutOfRangeException(nameof(num_downs), num_downs, "the U-Net needs at least 5 halvings");
        var block = new UnetBlockWithZ(ngf * 8, ngf * 8, ngf * 8, nz, UnetLevel.Innermost, null, norm);
        for (var i = 0; i < num_downs - 5; i++)
            block = new UnetBlockWithZ(ngf * 8, ngf * 8, ngf * 8, nz, UnetLevel.Middle, block, norm, use_dropout);
        block = new UnetBlockWithZ(ngf * 4, ngf * 4, ngf * 8, nz, UnetLevel.Middle, block, norm);
        block = new UnetBlockWithZ(ngf * 2, ngf * 2, ngf * 4, nz, UnetLevel.Middle, block, norm);
        block = new UnetBlockWithZ(ngf, ngf, ngf * 2, nz, UnetLevel.Middle, block, norm);
        model = new UnetBlockWithZ(input_channels, output_channels, ngf, nz, UnetLevel.Outermost, block, norm);
        RegisterComponents();
    }

    /// <summary>Halvings for a side: log2 of it, as pix2pix's U-Net (<see cref="UnetGenerator.DownsFor"/>).</summary>
    public static int DownsFor(int image_size) => UnetGenerator.DownsFor(image_size);

    /// <summary>condition [B, in, S, S], z [B, nz] → translation [B, out, S, S] in (−1, 1).</summary>
    public override Tensor forward(Tensor condition, Tensor z) => model.call(condition, z);
}
