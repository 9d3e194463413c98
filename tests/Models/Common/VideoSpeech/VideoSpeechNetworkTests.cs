using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Tests.Models.Common.VideoSpeech;

public class VideoSpeechNetworkTests
{
    // Seconds on a CPU: 16² grey mouths, 64 samples a frame (1.6 kHz), narrow layers.
    private static readonly VideoSpeechSizes Tiny = new(
        FrameSize: 16,
        Channels: 1,
        SamplesPerFrame: 64,
        VideoWidth: 4,
        Embedding: 8,
        ForwardHidden: 8,
        DecoderWidth: 32,
        WindowSamples: 160,
        AudioWidth: 4,
        AudioCode: 8,
        ReverseHidden: 8,
        IdentityWidth: 4,
        IdentityCode: 8,
        Noise: 3
    );

    [Fact]
    public void At_the_paper_size_the_forward_network_turns_each_frame_into_640_samples_and_the_reverse_one_draws_96_pixel_colour_frames()
    {
        var paper = new VideoSpeechSizes();
        manual_seed(1);
        using var forward = new VideoToSpeechGenerator(paper);
        using var reverse = new SpeechToVideoGenerator(paper);
        forward.eval();
        reverse.eval();
        using var _ = no_grad();
        // Five frames stand for the 75 of a 3-s clip: every layer works frame by frame or over time with padding.
        using var video = rand([1, 3, 5, 96, 96]).mul(Scalars.Of(2)).sub(Scalars.Of(1));
        using var speech = forward.call(video);
        Assert.Equal([1L, 5 * 640], speech.shape);
        Assert.True(speech.abs().max().ToSingle() <= 1);
        using var noise = reverse.DrawNoise(1, 5);
        using var first = video.select(2, 0);
        using var drawn = reverse.call(speech, first, noise);
        Assert.Equal([1L, 3, 5, 96, 96], drawn.shape);
        Assert.True(drawn.abs().max().ToSingle() <= 1);
        // The 96² crops halve five times to 3²; channels double from 64 up to 8×.
        Assert.Equal([48, 24, 12, 6, 3], paper.ImageSides());
        Assert.Equal([64, 128, 256, 512, 512], VideoSpeechSizes.Doubling(64, 5));
    }

    [Theory]
    // Counts of bench/dino_speech_step.py's PyTorch networks, written separately from the same sheet and sizes.
    [InlineData(96, 3, 64, 256, 256, 256, 16, 256, 256, 64, 128, 37_316_690, 24_391_267)]
    [InlineData(32, 1, 16, 64, 64, 64, 4, 64, 64, 16, 32, 358_998, 337_177)]
    public void Parameter_counts_match_the_pytorch_networks_of_the_benchmark(
        int frame,
        int channels,
        int videoWidth,
        int embedding,
        int forwardHidden,
        int decoderWidth,
        int audioWidth,
        int audioCode,
        int reverseHidden,
        int identityWidth,
        int identityCode,
        long forwardCount,
        long reverseCount
    )
    {
        var sizes = new VideoSpeechSizes(
            frame,
            channels,
            640,
            videoWidth,
            embedding,
            forwardHidden,
            decoderWidth,
            3200,
            audioWidth,
            audioCode,
            reverseHidden,
            identityWidth,
            identityCode,
            10
        );
        using var forward = new VideoToSpeechGenerator(sizes);
        using var reverse = new SpeechToVideoGenerator(sizes);
        Assert.Equal(forwardCount, forward.parameters().Sum(p => p.numel()));
        Assert.Equal(reverseCount, reverse.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Gradients_reach_every_parameter_of_both_networks()
    {
        manual_seed(2);
        using var forward = new VideoToSpeechGenerator(Tiny);
        using var reverse = new SpeechToVideoGenerator(Tiny);
        // γ = 0 would leave the attention's projections without gradient; any other value lets them learn.
        using (no_grad())
            forward.Decoder.Attention.Gamma.fill_(Scalars.Of(0.5));
        using var scope = NewDisposeScope();
        var video = rand([2, 1, 4, 16, 16]).mul(Scalars.Of(2)).sub(Scalars.Of(1));
        var speech = forward.call(video);
        var drawn = reverse.call(speech, video.select(2, 0), reverse.DrawNoise(2, 4));
        drawn.pow(Scalars.Of(2)).mean().add(speech.pow(Scalars.Of(2)).mean()).backward();
        foreach (var (name, parameter) in forward.named_parameters().Concat(reverse.named_parameters()))
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            Assert.True(parameter.grad!.abs().sum().ToDouble() > 0, $"{name}'s gradient is zero");
        }
    }

    [Fact]
    public void Noise_is_drawn_with_sigma_0_33_from_the_generator_given()
    {
        using var reverse = new SpeechToVideoGenerator(Tiny);
        using var first = new Generator(7);
        using var second = new Generator(7);
        using var a = reverse.DrawNoise(200, 50, first);
        using var b = reverse.DrawNoise(200, 50, second);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.Equal([200L, 50, 3], a.shape);
        Assert.Equal(0.33, a.std().ToDouble(), 2);
    }

    [Fact]
    public void Wrong_inputs_and_sizes_are_refused_with_what_was_expected()
    {
        using var forward = new VideoToSpeechGenerator(Tiny);
        using var reverse = new SpeechToVideoGenerator(Tiny);
        using var colour = zeros([1, 3, 4, 16, 16]);
        Assert.Contains("[B, 1, T, 16, 16]", Assert.Throws<ArgumentException>(() => forward.call(colour)).Message);
        using var ragged = zeros(1, 100);
        using var frame = zeros(1, 1, 16, 16);
        using var noise = zeros(1, 1, 3);
        Assert.Contains("whole frames", Assert.Throws<ArgumentException>(() => reverse.call(ragged, frame, noise)).Message);
        using var speech = zeros(1, 128);
        Assert.Contains("noise must be [1, 2, 3]", Assert.Throws<ArgumentException>(() => reverse.call(speech, frame, noise)).Message);

        var problems = string.Join("; ", (Tiny with { FrameSize = 40, SamplesPerFrame = 100 }).Problems());
        Assert.Contains("does not halve evenly", problems);
        Assert.Contains("multiple of 64", problems);
        Assert.Throws<ArgumentException>(() => new VideoToSpeechGenerator(Tiny with { DecoderWidth = 16 }));
    }
}
