using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Common;

namespace Dino.Repro.Tests.Models;

public class BicycleGanNetworkTests
{
    private static long Conv(long cin, long cout, long k) => cin * cout * k * k + cout; // every BicycleGAN conv keeps its bias

    /// <summary>G_Unet_add_all: each level's down conv sees its input plus nz tiled channels; instance norm has no parameters.</summary>
    private static long GeneratorWeights(int numDowns, long ngf, long nz, long inC = 3, long outC = 3)
    {
        // (input, outer, inner) per level, outermost first.
        var levels = new List<(long input, long outer, long inner)>
        {
            (inC, outC, ngf),
            (ngf, ngf, 2 * ngf),
            (2 * ngf, 2 * ngf, 4 * ngf),
            (4 * ngf, 4 * ngf, 8 * ngf),
        };
        for (var i = 0; i < numDowns - 4; i++)
            levels.Add((8 * ngf, 8 * ngf, 8 * ngf));
        long total = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            var (input, outer, inner) = levels[i];
            var innermost = i == levels.Count - 1;
            total += Conv(input + nz, inner, 4); // down conv on [x, z tiled]
            total += Conv(innermost ? inner : 2 * inner, outer, 4); // up ConvTranspose on [up(sub), skip]
        }
        return total;
    }

    /// <summary>E_ResNet: conv 4×4 s2, blocks of [conv3×3 in→in, conv3×3 in→out, shortcut conv1×1], two Linear heads.</summary>
    private static long EncoderWeights(int blocks, long nef, long nz, long inC = 3)
    {
        var total = Conv(inC, nef, 4);
        var channels = nef;
        for (var n = 1; n <= blocks; n++)
        {
            var input = nef * Math.Min(4, n);
            channels = nef * Math.Min(4, n + 1);
            total += Conv(input, input, 3) + Conv(input, channels, 3) + Conv(input, channels, 1);
        }
        return total + 2 * (channels * nz + nz);
    }

    /// <summary>D_NLayersMulti: per scale a biased PatchGAN (no affine norm) with round(ndf / 2^i) filters.</summary>
    private static long DiscriminatorWeights(long ndf, int nLayers, int numD, long inC = 3)
    {
        long total = 0;
        for (var i = 0; i < numD; i++)
        {
            var f = (long)Math.Round(ndf / Math.Pow(2, i), MidpointRounding.ToEven);
            total += Conv(inC, f, 4);
            var c = f;
            for (var n = 1; n <= nLayers; n++)
            {
                var next = f * Math.Min(1L << n, 8);
                total += Conv(c, next, 4);
                c = next;
            }
            total += Conv(c, 1, 4);
        }
        return total;
    }

    [Fact]
    public void Parameter_counts_follow_the_layer_formulas()
    {
        using var generator = new UnetAddAllGenerator(3, 3, nz: 8, num_downs: 5, ngf: 16);
        using var encoder = new ResNetEncoder(3, nz: 8, image_size: 64, nef: 16);
        using var discriminator = new MultiScaleDiscriminator(3, ndf: 16, n_layers: 2, num_D: 2);
        Assert.Equal(GeneratorWeights(5, 16, 8), generator.ParameterCount());
        Assert.Equal(EncoderWeights(2, 16, 8), encoder.ParameterCount());
        Assert.Equal(DiscriminatorWeights(16, 2, 2), discriminator.ParameterCount());
        // The hand-worked 32² generator: one number pinned so the formula itself cannot drift with the code.
        Assert.Equal(1_090_403, GeneratorWeights(5, 16, 8));
        // resnet_256's blocks 64→128→192→256→256.
        Assert.Equal(4, ResNetEncoder.BlocksFor(256));
        using var encoder256 = new ResNetEncoder(3, 8, 256);
        Assert.Equal(EncoderWeights(4, 64, 8), encoder256.ParameterCount());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Generator_keeps_the_image_shape_and_encoder_gives_mu_and_logvar(int size)
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var generator = new UnetAddAllGenerator(3, 3, 8, UnetAddAllGenerator.DownsFor(size), ngf: 8);
        using var encoder = new ResNetEncoder(3, 8, size, nef: 8);
        var a = rand(new long[] { 2, 3, size, size }) * Scalars.Of(2) - Scalars.Of(1);
        var z = randn(2, 8);
        var fake = generator.call(a, z);
        Assert.Equal(new long[] { 2, 3, size, size }, fake.shape);
        var (mu, logvar) = encoder.call(fake);
        Assert.Equal(new long[] { 2, 8 }, mu.shape);
        Assert.Equal(new long[] { 2, 8 }, logvar.shape);
        Assert.False(mu.Equals(logvar)); // two heads, not one
    }

    [Fact]
    public void Z_changes_the_translation()
    {
        manual_seed(4);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var generator = WeightInit.XavierNormal(new UnetAddAllGenerator(3, 3, 8, 5, ngf: 8, use_dropout: false));
        generator.eval();
        var a = rand(new long[] { 1, 3, 32, 32 });
        Assert.False(generator.call(a, zeros(1, 8)).Equals(generator.call(a, ones(1, 8))));
    }

    [Fact]
    public void Discriminator_gives_one_logit_map_per_scale_on_an_average_pooled_copy()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var discriminator = new MultiScaleDiscriminator(3, ndf: 8, n_layers: 2, num_D: 2);
        var logits = discriminator.call(zeros(2, 3, 32, 32));
        Assert.Equal(2, logits.Length);
        Assert.Equal(new long[] { 2, 1, 6, 6 }, logits[0].shape); // 32 → 16 → 8 → 7 → 6
        Assert.Equal(new long[] { 2, 1, 2, 2 }, logits[1].shape); // 16 → 8 → 4 → 3 → 2
        Assert.Equal(new[] { "model_0.model.0.weight", "model_0.model.0.bias" }, discriminator.state_dict().Keys.Take(2));
        Assert.Contains("model_1.model.0.weight", discriminator.state_dict().Keys);
        Assert.Equal(4, discriminator.state_dict()["model_1.model.0.weight"].size(0)); // ndf / 2
    }

    [Fact]
    public void State_dicts_use_the_reference_names()
    {
        using var generator = new UnetAddAllGenerator(3, 3, 8, 5, ngf: 8);
        var g = generator.state_dict().Keys.ToList();
        Assert.Equal("model.down.0.weight", g[0]);
        Assert.Contains("model.submodule.down.1.weight", g);
        Assert.Contains("model.up.1.bias", g);
        Assert.Equal(0, generator.modules().Count(m => m is TorchSharp.Modules.Dropout)); // 5 − 5 levels above the bottleneck
        using var unet256 = new UnetAddAllGenerator(3, 3, 8, 8, ngf: 4);
        Assert.Equal(3, unet256.modules().Count(m => m is TorchSharp.Modules.Dropout)); // the training scripts' 3 blocks
        using var encoder = new ResNetEncoder(3, 8, 32, nef: 8);
        var e = encoder.state_dict().Keys.ToList();
        Assert.Contains("conv.1.conv.2.weight", e);
        Assert.Contains("conv.1.conv.5.0.weight", e);
        Assert.Contains("conv.1.shortcut.1.weight", e);
        Assert.Contains("fc.0.weight", e);
        Assert.Contains("fcVar.0.weight", e);
    }

    [Fact]
    public void Kl_matches_the_closed_form_and_reparameterisation_is_mu_plus_sigma_epsilon()
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new float[] { 0.5f, -1f }, new long[] { 1, 2 });
        var logvar = tensor(new float[] { 0f, (float)Math.Log(4) }, new long[] { 1, 2 });
        // Σ ½(σ² + μ² − 1 − log σ²) = ½(1 + 0.25 − 1 − 0) + ½(4 + 1 − 1 − ln 4)
        var expected = 0.5 * 0.25 + 0.5 * (4 - Math.Log(4));
        Assert.Equal(expected, BicycleGanLosses.KlDivergence(mu, logvar).ToSingle(), 5);
        Assert.Equal(0, BicycleGanLosses.KlDivergence(zeros(3, 8), zeros(3, 8)).ToSingle());
        var z = BicycleGanLosses.Reparameterise(mu, logvar, tensor(new float[] { 2f, 1f }, new long[] { 1, 2 }));
        Assert.True(z.allclose(tensor(new float[] { 2.5f, 1f }, new long[] { 1, 2 }))); // 0.5 + 1·2, −1 + 2·1
    }

    [Fact]
    public void Least_squares_sums_the_mean_squared_error_of_every_scale()
    {
        using var scope = NewDisposeScope();
        var fine = ones(1, 1, 2, 2) * Scalars.Of(0.5);
        var coarse = ones(1, 1, 1, 1) * Scalars.Of(2.0);
        Assert.Equal(0.25 + 1.0, BicycleGanLosses.LeastSquares(new[] { fine, coarse }, targetIsReal: true).ToSingle(), 6);
        Assert.Equal(0.25 + 4.0, BicycleGanLosses.LeastSquares(new[] { fine, coarse }, targetIsReal: false).ToSingle(), 6);
    }
}
