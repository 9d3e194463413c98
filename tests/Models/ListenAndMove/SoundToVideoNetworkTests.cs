using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Tests.Models.ListenAndMove;

public class SoundToVideoNetworkTests
{
    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    // Counted by instantiating the reference's modules.py (multimedia-eurecat/listen-and-move-gan 52bf4b2) under
    // PyTorch 1.13: GenNet(output_size, 64 features, e_motion 2, route, motion layers, cond_gen, 'residual', vid_pred).
    public static TheoryData<int, SoundRoute, int, bool, VideoPredictionKind, int, int, long> ReferenceGenerators =>
        new()
        {
            { 128, SoundRoute.Rnn, 1, false, VideoPredictionKind.None, 1024, 512, 7_844_146 },
            { 128, SoundRoute.Rnn, 3, false, VideoPredictionKind.None, 1024, 512, 7_897_210 },
            { 128, SoundRoute.RnnGen, 1, false, VideoPredictionKind.None, 1024, 512, 8_139_058 },
            { 128, SoundRoute.Rnn, 1, true, VideoPredictionKind.None, 1024, 512, 7_969_138 },
            { 128, SoundRoute.RnnGen, 3, true, VideoPredictionKind.Basic, 1024, 512, 8_375_128 },
            { 128, SoundRoute.RnnGen, 3, true, VideoPredictionKind.Directional, 1024, 512, 8_427_163 },
            { 64, SoundRoute.Gen, 2, false, VideoPredictionKind.Basic, 1024, 512, 8_014_450 },
            { 32, SoundRoute.RnnGen, 3, true, VideoPredictionKind.Directional, 128, 64, 312_199 },
            { 32, SoundRoute.Rnn, 1, false, VideoPredictionKind.None, 128, 64, 180_526 },
        };

    [Theory]
    [MemberData(nameof(ReferenceGenerators))]
    public void Every_table_1_configuration_has_the_reference_generators_parameter_count(
        int size,
        SoundRoute route,
        int motionLayers,
        bool acin,
        VideoPredictionKind prediction,
        int channelsBase,
        int maxChannels,
        long expected
    )
    {
        using var generator = new SoundToVideoGenerator(
            new SoundToVideoArchitecture
            {
                ImageSize = size,
                Route = route,
                MotionLayers = motionLayers,
                AudioConditionalNorm = acin,
                VideoPrediction = prediction,
                ChannelsBase = channelsBase,
                MaxChannels = maxChannels,
            }
        );
        Assert.Equal(expected, Count(generator));
    }

    // The reference's Discriminator(seq_len, size, channels_base, max_channels): parameters and output shape [2, 1, (T'), 4, 4].
    [Theory]
    [InlineData(1, 128, 1024, 512, 9_432_065, 0)]
    [InlineData(32, 128, 1024, 512, 28_269_569, 1)]
    [InlineData(1, 32, 1024, 512, 9_154_049, 0)]
    [InlineData(16, 32, 1024, 512, 27_438_593, 2)]
    [InlineData(1, 32, 128, 64, 144_321, 0)]
    [InlineData(16, 32, 128, 64, 430_017, 2)]
    public void The_critics_have_the_reference_parameter_counts(int frames, int size, int channelsBase, int maxChannels, long expected, int depth)
    {
        using var critic = new SkipDiscriminator(frames, size, channelsBase, maxChannels);
        Assert.Equal(expected, Count(critic));
        if (size > 32 && channelsBase > 128)
            return; // the shape is checked at a narrow width below
        using var input = frames == 1 ? randn(2, 3, size, size) : randn([2, frames, 3, size, size]);
        using var _ = no_grad();
        using var scores = critic.call(input);
        Assert.Equal(frames == 1 ? new long[] { 2, 1, 4, 4 } : [2, 1, depth, 4, 4], scores.shape);
    }

    [Fact]
    public void The_video_critic_halves_time_with_space_where_the_reference_would_broadcast()
    {
        // T = 16 at 128²: time halves in the first 4 of 5 layers. The reference's skip path halves the clip's time one
        // layer late and broadcasts depth 1 against 2 (its output depth 2); the kit's scores are one per time position.
        using var critic = new SkipDiscriminator(16, 128, channelsBase: 64, maxChannels: 8);
        Assert.Equal(4, critic.TimeLayers);
        using var input = randn([1, 16, 3, 128, 128]);
        using var _ = no_grad();
        using var scores = critic.call(input);
        Assert.Equal(new long[] { 1, 1, 1, 4, 4 }, scores.shape);
    }

    [Theory]
    [InlineData(SoundRoute.Rnn, false, VideoPredictionKind.None)]
    [InlineData(SoundRoute.Gen, false, VideoPredictionKind.Basic)]
    [InlineData(SoundRoute.RnnGen, true, VideoPredictionKind.Directional)]
    public void The_generator_draws_a_frame_in_minus_one_to_one_per_descriptor_and_every_parameter_learns(
        SoundRoute route,
        bool acin,
        VideoPredictionKind prediction
    )
    {
        manual_seed(5);
        var architecture = new SoundToVideoArchitecture
        {
            ImageSize = 16,
            Route = route,
            MotionLayers = 2,
            AudioConditionalNorm = acin,
            VideoPrediction = prediction,
            ChannelsBase = 32,
            MaxChannels = 16,
        };
        using var generator = new SoundToVideoGenerator(architecture, batch: 2);
        using var features = randn(2, 6, 64);
        using var frames = generator.call(features);
        Assert.Equal(new long[] { 2, 6, 3, 16, 16 }, frames.shape);
        Assert.True(frames.abs().max().item<float>() <= 1f);
        using var projection = randn_like(frames);
        frames.mul(projection).sum().backward(); // a random projection: a plain sum would cancel through batch norm
        var silent = generator
            .named_parameters()
            .Where(p => p.parameter.grad is null || p.parameter.grad.abs().sum().item<float>() == 0)
            .Select(p => p.name);
        Assert.Empty(silent);
    }

    [Fact]
    public void Wrong_shapes_and_impossible_sizes_are_refused_with_what_was_expected()
    {
        using var generator = new SoundToVideoGenerator(
            new SoundToVideoArchitecture
            {
                ImageSize = 8,
                ChannelsBase = 8,
                MaxChannels = 8,
            }
        );
        using var flat = randn(6, 64);
        Assert.Contains("[B, T, 64]", Assert.Throws<ArgumentException>(() => generator.call(flat)).Message);
        Assert.Contains("power of two", Assert.Throws<ArgumentException>(() => new SoundToVideoArchitecture { ImageSize = 48 }.Validate()).Message);
        Assert.Contains("even", Assert.Throws<ArgumentException>(() => new SkipDiscriminator(5, 32)).Message);
        Assert.Contains("no channel", Assert.Throws<ArgumentException>(() => new SkipDiscriminator(1, 128, channelsBase: 16)).Message);
        using var critic = new SkipDiscriminator(4, 16, 16, 8);
        using var clip = randn([1, 3, 3, 16, 16]);
        Assert.Contains("[B, 4, 3, 16, 16]", Assert.Throws<ArgumentException>(() => critic.call(clip)).Message);
    }
}
