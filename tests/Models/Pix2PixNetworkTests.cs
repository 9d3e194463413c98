using Dino.Repro.Models.Common;
using Dino.Repro.Models.Pix2Pix;

namespace Dino.Repro.Tests.Models;

public class Pix2PixNetworkTests
{
    private static long Kernel4(long cin, long cout) => cin * cout * 16;

    /// <summary>
    /// unet_256 with batch norm, from pytorch-CycleGAN-and-pix2pix's UnetGenerator: convs without bias (BN follows)
    /// except the outermost ConvTranspose; BN (γ, β) after every down conv but the first and innermost, and after every
    /// up conv but the outermost.
    /// </summary>
    private static long UnetWeights(int numDowns, long ngf = 64, long inC = 3, long outC = 3)
    {
        // (outer, inner) per level, outermost first.
        var levels = new List<(long outer, long inner)> { (outC, ngf), (ngf, 2 * ngf), (2 * ngf, 4 * ngf), (4 * ngf, 8 * ngf) };
        for (var i = 0; i < numDowns - 4; i++)
            levels.Add((8 * ngf, 8 * ngf));
        long total = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            var (outer, inner) = levels[i];
            var outermost = i == 0;
            var innermost = i == levels.Count - 1;
            total += Kernel4(outermost ? inC : outer, inner); // down conv
            if (!outermost && !innermost)
                total += 2 * inner; // down BN
            total += Kernel4(innermost ? inner : 2 * inner, outer); // up ConvTranspose (input doubled by the skip)
            total += outermost ? outer : 2 * outer; // outermost bias, else up BN
        }
        return total;
    }

    /// <summary>Basic PatchGAN: first and last conv biased, the middle ones followed by BN and unbiased.</summary>
    private static long PatchGanWeights(long inC, long ndf = 64, int nLayers = 3)
    {
        var total = Kernel4(inC, ndf) + ndf;
        var c = ndf;
        for (var n = 1; n <= nLayers; n++)
        {
            var next = ndf * Math.Min(1L << n, 8);
            total += Kernel4(c, next) + 2 * next;
            c = next;
        }
        return total + Kernel4(c, 1) + 1;
    }

    [Fact]
    public void Unet_256_and_basic_patchgan_parameter_counts_match_the_reference_formula()
    {
        // pix2pix prints these as "54.414 M" and "2.769 M".
        Assert.Equal(54_413_955, UnetWeights(8));
        Assert.Equal(2_768_705, PatchGanWeights(6));

        using var generator = new UnetGenerator(3, 3, UnetGenerator.DownsFor(256));
        using var discriminator = new PatchDiscriminator(6);
        Assert.Equal(54_413_955, generator.ParameterCount());
        Assert.Equal(2_768_705, discriminator.ParameterCount());
    }

    [Fact]
    public void Unet_depth_is_log2_of_the_side()
    {
        Assert.Equal(6, UnetGenerator.DownsFor(64));
        Assert.Equal(7, UnetGenerator.DownsFor(128)); // unet_128
        Assert.Equal(8, UnetGenerator.DownsFor(256)); // unet_256
        using var g128 = new UnetGenerator(3, 3, 7, ngf: 16);
        Assert.Equal(UnetWeights(7, ngf: 16), g128.ParameterCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => UnetGenerator.DownsFor(96));
    }

    [Fact]
    public void State_dict_uses_the_reference_names()
    {
        using var generator = new UnetGenerator(3, 3, 6, ngf: 8);
        var keys = generator.state_dict().Keys.ToList();
        Assert.Equal("model.model.0.weight", keys[0]); // outermost down conv
        Assert.Contains("model.model.1.model.1.weight", keys); // next level's down conv
        Assert.Contains("model.model.1.model.2.running_mean", keys); // its BatchNorm
        Assert.Contains("model.model.3.bias", keys); // outermost ConvTranspose keeps its bias
        using var discriminator = new PatchDiscriminator(6);
        Assert.Equal(new[] { "model.0.weight", "model.0.bias", "model.2.weight", "model.3.weight" }, discriminator.state_dict().Keys.Take(4));
    }

    [Theory]
    [InlineData(64, 6)]
    [InlineData(128, 14)]
    public void Generator_keeps_the_shape_and_patchgan_gives_one_logit_per_patch(int size, long patches)
    {
        manual_seed(6);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var generator = new UnetGenerator(3, 3, UnetGenerator.DownsFor(size), ngf: 16);
        using var discriminator = new PatchDiscriminator(6, ndf: 16);
        var a = rand(new long[] { 2, 3, size, size }) * Scalars.Of(2) - Scalars.Of(1);
        var fake = generator.call(a);
        Assert.Equal(new long[] { 2, 3, size, size }, fake.shape);
        var logits = discriminator.call(cat(new[] { a, fake }, 1));
        Assert.Equal(new long[] { 2, 1, patches, patches }, logits.shape);
    }

    [Fact]
    public void Patchgan_output_side_at_256_is_30()
    {
        // Size arithmetic of 4×4 pad-1 convs, checked without a 256² pass: s2 halves, s1 loses one pixel.
        var side = 256;
        for (var i = 0; i < 3; i++)
            side /= 2;
        side -= 2;
        Assert.Equal(30, side);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var discriminator = new PatchDiscriminator(6, ndf: 4); // the side does not depend on the width
        Assert.Equal(new long[] { 1, 1, 30, 30 }, discriminator.call(zeros(1, 6, 256, 256)).shape);
    }

    [Fact]
    public void Dropout_sits_in_the_num_downs_minus_5_levels_above_the_bottleneck()
    {
        using var generator = new UnetGenerator(3, 3, 8, ngf: 8);
        Assert.Equal(3, generator.modules().Count(m => m is TorchSharp.Modules.Dropout));
        using var noDropout = new UnetGenerator(3, 3, 8, ngf: 8, use_dropout: false);
        Assert.Equal(0, noDropout.modules().Count(m => m is TorchSharp.Modules.Dropout));
    }

    [Fact]
    public void Norm_factory_and_bias_rule_follow_pix2pix()
    {
        Assert.False(NormLayer.ConvBias(NormKind.Batch));
        Assert.True(NormLayer.ConvBias(NormKind.Instance));
        using var instance = new PatchDiscriminator(6, norm: NormKind.Instance);
        Assert.Equal(PatchGanWeights(6) + 896 - 2 * 896, instance.ParameterCount()); // biases added, no affine norm
        Assert.Throws<ArgumentException>(() => NormLayer.Parse("group"));
    }
}
