using Dino.Repro.Models.Dino;

namespace Dino.Repro.Tests.Models;

public class BidirectionalDinoNetworkTests
{
    /// <summary>Weights of decoder layer i by the fact sheet's rules (bias-free kernels, mirrored skips).</summary>
    private static long DecoderLayerWeights(long[] encoderChannels, long noise, int layer)
    {
        var mirrored = encoderChannels.Reverse().ToArray();
        if (layer == 0)
            return DinoNetworkTests.Kernel(256 + noise, 512, 4); // D0: ConvTranspose 4×4
        var cin = layer == 1 ? 512 : mirrored[layer - 1];
        if (layer == mirrored.Length)
            return DinoNetworkTests.Kernel(cin, 3, 3); // final resize conv
        return DinoNetworkTests.Kernel(cin + mirrored[layer - 1], cin, 3) + DinoNetworkTests.Kernel(cin, mirrored[layer], 3);
    }

    private static long HeadWeights(long[] encoderChannels, long noise, int branch) =>
        Enumerable.Range(branch, encoderChannels.Length + 1 - branch).Sum(i => DecoderLayerWeights(encoderChannels, noise, i));

    [Fact]
    public void Parameter_counts_at_256_are_the_one_way_counts_plus_the_critic_head()
    {
        var channels = DinoNetworkTests.EncoderChannels256;
        Assert.Equal(DinoNetworkTests.DecoderWeights(channels, 32), HeadWeights(channels, 32, 0)); // the layer rule sums to the whole decoder
        // Branching after the third layer: the head is B3, B4, B5 and the final conv.
        Assert.Equal(5_898_240 + 1_474_560 + 368_640 + 1_728, HeadWeights(channels, 32, 3));

        using var player = new BidirectionalDinoUNet(256, 32, branch_layer: 3);
        Assert.Equal(13_241_344, player.Encoder.ParameterCount());
        Assert.Equal(24_258_240, player.Decoder.ParameterCount());
        Assert.Equal(7_743_168, player.CriticHead.ParameterCount());
        Assert.Equal(13_241_344 + 24_258_240 + 7_743_168, player.ParameterCount());
        Assert.Equal(HeadWeights(channels, 32, 0) - HeadWeights(channels, 32, 3), player.TrunkParameters.Sum(p => p.numel()));
    }

    [Theory]
    [InlineData(0, 1L, 288L, 288L)] // the whole decoder is copied; the trunk hands on the 1×1 latent
    [InlineData(1, 4L, 512L, 1024L)]
    [InlineData(2, 8L, 256L, 512L)]
    [InlineData(3, 16L, 128L, 256L)]
    [InlineData(4, 32L, 64L, 64L)] // only the final conv is a head
    public void The_branch_layer_sets_where_the_critic_head_attaches(int branch, long trunkSize, long trunkChannels, long headInChannels)
    {
        manual_seed(6);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var player = new BidirectionalDinoUNet(64, 32, branch);
        Assert.Equal(branch, player.CriticHead.FirstLayer);
        Assert.Equal(HeadWeights(new long[] { 64, 128, 256, 512 }, 32, branch), player.CriticHead.ParameterCount());
        var firstHeadWeight = player.CriticHead.state_dict().First();
        Assert.StartsWith($"dcl.{branch}.", firstHeadWeight.Key);
        // ConvT weights [in, out, k, k]; the final conv's [out, in, k, k]
        Assert.Equal(headInChannels, firstHeadWeight.Value.size(branch == 4 ? 1 : 0));

        var x = rand(new long[] { 2, 3, 64, 64 }) * Scalars.Of(2) - Scalars.Of(1);
        var z = randn(2, 32) * Scalars.Of(0.33);
        var (latent, features) = player.Encode(x, z);
        var trunk = player.Decoder.Run(latent, features, 0, branch);
        Assert.Equal(new long[] { 2, trunkChannels, trunkSize, trunkSize }, trunk.shape);
        Assert.Equal(new long[] { 2, 3, 64, 64 }, player.CriticHead.Run(trunk, features, branch, 5).shape);
    }

    [Fact]
    public void The_head_starts_as_a_copy_and_then_only_the_critic_stream_uses_it()
    {
        manual_seed(7);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var player = new BidirectionalDinoUNet(32, 32, branch_layer: 2);
        var x = rand(new long[] { 2, 3, 32, 32 }) * Scalars.Of(2) - Scalars.Of(1);
        var z = randn(2, 32) * Scalars.Of(0.33);
        Assert.True(player.call(x, z).Equals(player.Critic(x, z))); // identical initial weights: identical streams

        var generative = player.call(x, z);
        foreach (var p in player.CriticHead.parameters())
            p.mul_(Scalars.Of(1.5));
        Assert.True(generative.Equals(player.call(x, z)));
        Assert.False(generative.Equals(player.Critic(x, z)));
        foreach (var p in player.TrunkParameters)
            p.mul_(Scalars.Of(1.5));
        Assert.False(generative.Equals(player.call(x, z))); // the trunk is shared
    }
}
