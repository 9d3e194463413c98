using Dino.Repro.Models.SpeechToImage;

namespace Dino.Repro.Tests.Models.SpeechToImage;

public class SpeechToImageNetworkTests
{
    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    // Counted by instantiating the reference's StackGAN_v2/model.py and Audio_to_Image/speech_encoder.py
    // (smallflyingpig/speech-to-image-translation-without-text 63a129e) under PyTorch 1.13 with birds_3stages.yml's
    // GAN settings (E 128, z 100, two residual blocks, embedding 1024) at the widths given.
    [Theory]
    [InlineData(1, 64, 20_600_768)]
    [InlineData(2, 64, 21_082_016)]
    [InlineData(3, 64, 21_239_696)]
    [InlineData(2, 16, 3_251_816)]
    [InlineData(3, 16, 3_275_684)]
    public void The_generator_has_the_reference_parameter_count(int stages, int width, long expected)
    {
        using var generator = new StackGanGenerator(stages, width);
        Assert.Equal(expected, Count(generator));
    }

    [Theory]
    [InlineData(0, 64, 5_723_906)]
    [InlineData(1, 64, 18_834_178)]
    [InlineData(0, 16, 472_514)]
    [InlineData(1, 16, 1_292_482)]
    [InlineData(2, 16, 4_570_818)]
    public void Each_scales_discriminator_has_the_reference_parameter_count(int stage, int width, long expected)
    {
        using var critic = new StackGanDiscriminator(stage, width);
        Assert.Equal(expected, Count(critic));
    }

    [Fact]
    public void The_speech_encoder_and_conditioning_augmentation_have_the_reference_parameter_counts()
    {
        using var encoder = new SpeechEncoder();
        Assert.Equal(11_669_506, Count(encoder));
        Assert.Equal(1024, encoder.Embedding);
        using var augmentation = new ConditioningAugmentation(1024, 128);
        Assert.Equal(524_800, Count(augmentation));
    }

    [Fact]
    public void Each_stage_draws_twice_the_previous_side_and_each_critic_scores_its_own()
    {
        manual_seed(1);
        using var generator = new StackGanGenerator(stages: 3, width: 16, condition: 8, noise: 10, embedding: 32);
        using var scope = NewDisposeScope();
        var (images, mean, logVariance) = generator.call(randn(2, 10), randn(2, 32));
        Assert.Equal([64L, 128, 256], images.Select(i => i.size(2)));
        Assert.All(images, i => Assert.True(i.abs().max().item<float>() <= 1));
        Assert.Equal(new long[] { 2, 8 }, mean.shape);
        for (var stage = 0; stage < 3; stage++)
        {
            using var critic = new StackGanDiscriminator(stage, width: 8, condition: 8);
            var (given, free, code) = critic.call(images[stage], mean);
            Assert.Equal(new long[] { 2 }, given.shape);
            Assert.Equal(new long[] { 2 }, free!.shape);
            Assert.Equal(new long[] { 2, 8 * 8 * 16 }, code.shape);
            Assert.True(given.min().item<float>() >= 0 && given.max().item<float>() <= 1);
        }
        Assert.Throws<ArgumentException>(() => new StackGanDiscriminator(1, 8, 8).call(images[0], mean));
    }

    [Fact]
    public void The_condition_is_mu_plus_sigma_times_unit_noise_and_its_kl_is_the_closed_form()
    {
        manual_seed(3);
        using var augmentation = new ConditioningAugmentation(6, 4);
        using var scope = NewDisposeScope();
        var embedding = randn(5, 6);
        manual_seed(4);
        var (code, mean, logVariance) = augmentation.call(embedding);
        manual_seed(4);
        var epsilon = randn(5, 4);
        Assert.True(code.allclose(mean.add(epsilon.mul(logVariance.div(Scalars.Of(2)).exp())), rtol: 1e-6, atol: 1e-6));
        // KL(N(μ, σ²) ‖ N(0, 1)) per dimension = ½ (μ² + σ² − 1 − log σ²), averaged over batch and code as the reference.
        var m = mean.to(ScalarType.Float64).data<double>().ToArray();
        var v = logVariance.to(ScalarType.Float64).data<double>().ToArray();
        var expected = Enumerable.Range(0, 20).Sum(i => 0.5 * (m[i] * m[i] + Math.Exp(v[i]) - 1 - v[i])) / 20;
        Assert.Equal(expected, ConditioningAugmentation.KullbackLeibler(mean, logVariance).ToDouble(), 5);
    }

    [Fact]
    public void The_utterance_embedding_sums_the_lstm_over_each_utterances_steps_and_divides_by_all_of_them()
    {
        manual_seed(5);
        using var encoder = new SpeechEncoder(bands: 8, width: 0.125);
        encoder.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var features = randn(3, 8, 4 * SpeechEncoder.FramesPerStep);
        var steps = tensor(new long[] { 4, 2, 1 });
        var (perStep, total) = encoder.Steps(features, steps);
        Assert.Equal(4, total);
        Assert.Equal(0f, perStep[1].narrow(0, 2, 2).abs().sum().item<float>()); // past its 2 steps: nothing
        Assert.Equal(0f, perStep[2].narrow(0, 1, 3).abs().sum().item<float>());
        var embedding = encoder.call(features, steps);
        Assert.True(embedding.allclose(perStep.sum(1).div(Scalars.Of(4)), rtol: 1e-6, atol: 1e-7));
        // Batch members do not mix (eval mode): utterance 1 alone gives the same steps.
        var (alone, _) = encoder.Steps(features.narrow(0, 1, 1), tensor(new long[] { 2 }));
        Assert.True(alone[0].allclose(perStep[1], rtol: 1e-5, atol: 1e-6));
        Assert.Throws<ArgumentException>(() => encoder.call(features, tensor(new long[] { 5, 1, 1 })));
        Assert.Throws<ArgumentException>(() => encoder.call(randn(3, 8, 100), steps));
    }
}
