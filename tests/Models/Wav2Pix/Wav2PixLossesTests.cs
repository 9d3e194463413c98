using Dino.Repro.Models.Wav2Pix;

namespace Dino.Repro.Tests.Models.Wav2Pix;

public class Wav2PixLossesTests
{
    [Fact]
    public void The_discriminator_loss_is_least_squares_with_real_targets_of_0_9_and_mismatched_faces_as_fakes()
    {
        using var real = tensor(new[] { 1.0f, 0.5f });
        using var fake = tensor(new[] { 0.2f, -0.4f });
        using var wrong = tensor(new[] { 0.3f, 0.1f });
        using var loss = Wav2PixLosses.Discriminator(real, fake, wrong);
        // real: ((0.1)² + (−0.4)²)/2 = 0.085; fake: (0.04 + 0.16)/2 = 0.1; wrong: (0.09 + 0.01)/2 = 0.05.
        Assert.Equal(0.235, loss.ToDouble(), 5);
    }

    [Fact]
    public void The_generator_loss_adds_the_weighted_feature_matching_l1_and_identity_terms()
    {
        using var scores = tensor(new[] { 0.5f, 1.0f });
        // Features [2, 1, 1, 2]: batch means (1, 2) for fakes and (0, 4) for reals → squared errors 1 and 4, mean 2.5.
        using var fakeFeatures = tensor(new[] { 0f, 1f, 2f, 3f }, [2, 1, 1, 2]);
        using var realFeatures = tensor(new[] { -1f, 5f, 1f, 3f }, [2, 1, 1, 2]);
        using var fakes = tensor(new[] { 0.5f, -0.5f });
        using var reals = tensor(new[] { 0f, 0f });
        // Logits (0, 0) for two classes: cross-entropy ln 2 whatever the speaker.
        using var logits = zeros(2, 2);
        using var speakers = tensor(new long[] { 0, 1 });
        var (total, terms) = Wav2PixLosses.Generator(scores, fakeFeatures, realFeatures, fakes, reals, logits, speakers, new Wav2PixLossWeights());
        using (total)
        {
            Assert.Equal(0.125, terms["adversarial"], 6); // ((−0.5)² + 0²)/2
            Assert.Equal(2.5, terms["feature_matching"], 6);
            Assert.Equal(0.5, terms["l1"], 6);
            Assert.Equal(Math.Log(2), terms["identity"], 5);
            Assert.Equal(0.125 + 100 * 2.5 + 50 * 0.5 + 20 * Math.Log(2), total.ToDouble(), 3);
        }
    }

    [Fact]
    public void Feature_matching_sends_no_gradient_to_the_real_side()
    {
        using var fakeFeatures = randn(new long[] { 3, 2, 4, 4 }, requires_grad: true);
        using var realFeatures = randn(new long[] { 3, 2, 4, 4 }, requires_grad: true);
        var (total, _) = Wav2PixLosses.Generator(
            zeros(3),
            fakeFeatures,
            realFeatures,
            zeros(3),
            zeros(3),
            zeros(3, 2),
            zeros(new long[] { 3 }, dtype: ScalarType.Int64),
            new Wav2PixLossWeights()
        );
        total.backward();
        Assert.NotNull(fakeFeatures.grad);
        Assert.Null(realFeatures.grad);
    }
}
