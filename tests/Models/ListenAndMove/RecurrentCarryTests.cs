using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Tests.Models.ListenAndMove;

public class RecurrentCarryTests
{
    [Fact]
    public void The_motion_encoder_continues_each_layers_state_from_two_to_the_l_frames_back_with_residuals()
    {
        manual_seed(2);
        using var encoder = new DilatedMotionEncoder(size: 3, layerCount: 2);
        Assert.Equal(new[] { 1, 2 }, encoder.LookBack);
        using var input = randn(1, 5, 3);
        using var output = encoder.call(input);

        // The definition, step by step with two GRU cells holding the encoder's weights: layer 0 continues h₀(t − 1),
        // layer 1 continues h₁(t − 2); each passes LeakyReLU((h_out + h_in) / √2) up.
        using var cell0 = nn.GRUCell(3, 3);
        using var cell1 = nn.GRUCell(3, 3);
        var weights = encoder.state_dict();
        cell0.load_state_dict(weights.Where(kv => kv.Key.StartsWith("layers.0.")).ToDictionary(kv => kv.Key["layers.0.".Length..], kv => kv.Value));
        cell1.load_state_dict(weights.Where(kv => kv.Key.StartsWith("layers.1.")).ToDictionary(kv => kv.Key["layers.1.".Length..], kv => kv.Value));
        var zero = zeros(1, 3);
        var h0 = new List<Tensor>();
        var h1 = new List<Tensor>();
        using var _ = no_grad();
        for (var t = 0; t < 5; t++)
        {
            var x = input.select(1, t);
            h0.Add(cell0.call(x, t >= 1 ? h0[t - 1] : zero));
            var up = nn.functional.leaky_relu(h0[t].add(x).div(Scalars.Of(Math.Sqrt(2))), 0.2);
            h1.Add(cell1.call(up, t >= 2 ? h1[t - 2] : zero));
            var expected = nn.functional.leaky_relu(h1[t].add(up).div(Scalars.Of(Math.Sqrt(2))), 0.2);
            Assert.True(output.select(1, t).allclose(expected, rtol: 1e-5, atol: 1e-6), $"frame {t}");
        }
    }

    [Fact]
    public void Two_consecutive_clips_give_what_one_long_clip_gives_and_reset_starts_afresh()
    {
        manual_seed(4);
        using var encoder = new DilatedMotionEncoder(size: 4, layerCount: 3, batch: 2); // looks back 1, 2 and 4 frames
        using var input = randn(2, 11, 4);
        using var _ = no_grad();
        using var whole = encoder.call(input);
        encoder.Reset();
        using var first = encoder.call(input.narrow(1, 0, 5)); // 5: not a multiple of 4, so the rings must rotate
        using var second = encoder.call(input.narrow(1, 5, 6));
        Assert.True(cat([first, second], 1).allclose(whole, rtol: 1e-5, atol: 1e-6));
        encoder.Reset();
        using var again = encoder.call(input.narrow(1, 0, 5));
        Assert.True(again.allclose(first, rtol: 0, atol: 0));
    }

    [Fact]
    public void Training_and_evaluation_carry_separate_states()
    {
        manual_seed(6);
        using var encoder = new DilatedMotionEncoder(size: 2, layerCount: 1);
        using var clip = randn(1, 3, 2);
        using var _ = no_grad();
        using var fresh = encoder.call(clip);
        encoder.eval();
        using var evalFresh = encoder.call(clip); // training's carried state must not leak into evaluation
        Assert.True(evalFresh.allclose(fresh, rtol: 0, atol: 0));
    }

    [Fact]
    public void Gradients_flow_through_a_clip_but_not_into_the_clip_before()
    {
        manual_seed(8);
        using var encoder = new DilatedMotionEncoder(size: 3, layerCount: 2);
        using var earlier = randn(1, 4, 3).requires_grad_();
        using var later = randn(1, 4, 3).requires_grad_();
        using var a = encoder.call(earlier);
        using var b = encoder.call(later);
        b.select(1, 3).sum().backward();
        Assert.Null(earlier.grad);
        Assert.True(later.grad!.select(1, 0).abs().sum().item<float>() > 0, "the last frame depends on the clip's first");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_video_predictor_carries_its_flows_between_clips(bool directional)
    {
        manual_seed(9);
        using var predictor = new VideoPredictor(channels: 3, side: 6, kernel: 3, directional);
        using var maps = randn([1, 7, 3, 6, 6]);
        using var _ = no_grad();
        using var whole = predictor.call(maps);
        predictor.Reset();
        using var first = predictor.call(maps.narrow(1, 0, 3));
        using var second = predictor.call(maps.narrow(1, 3, 4));
        Assert.True(cat([first, second], 1).allclose(whole, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(maps.shape, whole.shape);
    }

    [Fact]
    public void The_carried_states_travel_in_the_state_dict_so_a_restored_generator_continues_the_clip_sequence()
    {
        var architecture = new SoundToVideoArchitecture
        {
            ImageSize = 8,
            Route = SoundRoute.RnnGen,
            MotionLayers = 2,
            VideoPrediction = VideoPredictionKind.Directional,
            ChannelsBase = 16,
            MaxChannels = 8,
        };
        manual_seed(11);
        using var trained = new SoundToVideoGenerator(architecture);
        using var restored = new SoundToVideoGenerator(architecture);
        using var clipA = randn(1, 4, 64);
        using var clipB = randn(1, 4, 64);
        using var _ = no_grad();
        using var a = trained.call(clipA);
        Assert.Contains(trained.state_dict().Keys, k => k.Contains("carried.train_"));
        restored.load_state_dict(trained.state_dict());

        manual_seed(12);
        using var next = trained.call(clipB);
        manual_seed(12);
        using var resumed = restored.call(clipB);
        Assert.True(resumed.allclose(next, rtol: 0, atol: 0), "the restored generator continues where the trained one stood");

        restored.Reset();
        manual_seed(12);
        using var fresh = restored.call(clipB);
        Assert.False(fresh.allclose(next, rtol: 0, atol: 1e-4), "without the carried states the clip comes out differently");
        using var two = randn(2, 4, 64);
        Assert.Contains("batch of 1", Assert.Throws<ArgumentException>(() => restored.call(two)).Message);
    }
}
