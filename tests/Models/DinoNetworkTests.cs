using Dino.Repro.Models.Dino;

namespace Dino.Repro.Tests.Models;

public class DinoNetworkTests
{
    // The fact sheet's layer rules, written out: every layer is a bias-free k×k kernel, instance norm has no weights.
    internal static long Kernel(long cin, long cout, long k) => cin * cout * k * k;

    internal static readonly long[] EncoderChannels256 = { 64, 128, 256, 512, 512, 512 };

    internal static long EncoderWeights(long[] channels)
    {
        long total = 0,
            cin = 3;
        foreach (var c in channels)
        {
            total += Kernel(cin, c, 4); // conv 4×4 s2
            cin = c;
        }
        return total + Kernel(cin, 256, 4); // E7: 4×4 valid → 256-d code
    }

    internal static long DecoderWeights(long[] encoderChannels, long noise)
    {
        var mirrored = encoderChannels.Reverse().ToArray();
        var total = Kernel(256 + noise, 512, 4); // D0: ConvTranspose 4×4 to 4×4×512
        long cin = 512;
        for (var i = 1; i < mirrored.Length; i++)
        {
            total += Kernel(cin + mirrored[i - 1], cin, 3) + Kernel(cin, mirrored[i], 3); // ConvT 3×3 after the skip, resize conv 3×3
            cin = mirrored[i];
        }
        return total + Kernel(cin, 3, 3); // final resize conv to RGB
    }

    [Fact]
    public void Parameter_counts_at_256_match_the_fact_sheet()
    {
        Assert.Equal(13_241_344, EncoderWeights(EncoderChannels256));
        Assert.Equal(24_258_240, DecoderWeights(EncoderChannels256, 32));
        Assert.Equal(23_996_096, DecoderWeights(EncoderChannels256, 0));

        using var forward = new DinoUNet(256, 32);
        using var reverse = new DinoUNet(256, 0);
        Assert.Equal(13_241_344, forward.Encoder.ParameterCount());
        Assert.Equal(24_258_240, forward.Decoder.ParameterCount());
        Assert.Equal(23_996_096, reverse.Decoder.ParameterCount());
        Assert.Equal(7, forward.Encoder.Channels.Count + 1); // 6 halvings + the code layer
        Assert.Equal(7, forward.Decoder.LayerCount); // D0, B1–B5, final: the fact sheet's 12 convolutions
    }

    [Theory]
    [InlineData(64, new long[] { 64, 128, 256, 512 })]
    [InlineData(128, new long[] { 64, 128, 256, 512, 512 })]
    public void Depth_follows_the_resolution_as_the_reference_down_to_4x4(int size, long[] channels)
    {
        using var net = new DinoUNet(size, 32);
        Assert.Equal(channels, net.Encoder.Channels);
        Assert.Equal(EncoderWeights(channels), net.Encoder.ParameterCount());
        Assert.Equal(DecoderWeights(channels, 32), net.Decoder.ParameterCount());
    }

    [Fact]
    public void State_dict_uses_the_reference_names_and_holds_no_bias()
    {
        using var net = new DinoUNet(64, 32);
        var keys = net.state_dict().Keys.ToList();
        Assert.Equal("enc.cl.0.0.weight", keys[0]);
        Assert.Contains("enc.cl.4.0.weight", keys); // the code layer
        Assert.Contains("dec.dcl.0.0.weight", keys);
        Assert.Contains("dec.dcl.1.dcl1.weight", keys);
        Assert.Contains("dec.dcl.1.dcl2.conv.weight", keys);
        Assert.Equal("dec.dcl.4.conv.weight", keys[^1]);
        Assert.All(keys, k => Assert.EndsWith(".weight", k));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Forward_and_reverse_keep_the_image_shape(int size)
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var forward = new DinoUNet(size, 32);
        using var reverse = new DinoUNet(size, 0);
        var x = rand(new long[] { 1, 3, size, size }) * Scalars.Of(2) - Scalars.Of(1);
        var z = randn(1, 32) * Scalars.Of(0.33);
        var translation = forward.call(x, z);
        var back = reverse.call(translation, null);
        Assert.Equal(new long[] { 1, 3, size, size }, translation.shape);
        Assert.Equal(new long[] { 1, 3, size, size }, back.shape);
        Assert.True(translation.abs().max().ToDouble() < 1); // Tanh output
    }

    [Fact]
    public void Noise_changes_the_translation_and_is_required_exactly_when_declared()
    {
        manual_seed(4);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var forward = new DinoUNet(32, 32);
        var x = rand(new long[] { 2, 3, 32, 32 });
        var a = forward.call(x, randn(2, 32) * Scalars.Of(0.33));
        var b = forward.call(x, randn(2, 32) * Scalars.Of(0.33));
        Assert.True((a - b).abs().max().ToDouble() > 1e-4);
        Assert.Throws<ArgumentException>(() => forward.call(x, null));
        using var reverse = new DinoUNet(32, 0);
        Assert.Throws<ArgumentException>(() => reverse.call(x, randn(2, 32)));
    }

    [Fact]
    public void Weights_start_as_normal_with_std_0_02()
    {
        manual_seed(5);
        using var net = new DinoUNet(64, 32);
        var weight = net.Decoder.state_dict()["dcl.1.dcl1.weight"]; // 1024·512·9 values: a tight estimate
        Assert.InRange(weight.std().ToDouble(), 0.0198, 0.0202);
        Assert.InRange(weight.mean().ToDouble(), -3e-4, 3e-4);
    }
}
