using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Models.Pix2Pix;

namespace Dino.Repro.Tests.Models;

/// <summary>pix2pix translated in its authors' test mode differs from eval mode, and repeats itself from the same seed.</summary>
public class TranslatorTestModeTests
{
    [Fact]
    public void A_pix2pix_at_64_with_dropout_and_batch_norm_translates_differently_in_the_reference_test_mode()
    {
        var options = new Pix2PixOptions
        {
            Resolution = 64,
            BatchSize = 2,
            Steps = 10,
            Ngf = 8,
            Ndf = 8,
        };
        using var experiment = Pix2PixExperiment
            .Definition(o => ModelExperimentTests.RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed))
            .Create(options);
        ModelExperimentTests.Step(experiment);
        var conditions = torch.rand(new long[] { 3, 3, 64, 64 }, generator: new Generator(5)) * Scalars.Of(2) - Scalars.Of(1);
        using var eval = new Translator(experiment, options).Translate(conditions);
        using var first = new Translator(experiment, options, BaselineTestMode.Reference).Translate(conditions);
        using var again = new Translator(experiment, options, BaselineTestMode.Reference).Translate(conditions);
        Assert.False(eval.allclose(first, rtol: 1e-4, atol: 1e-4), "the test mode changed nothing");
        Assert.True(first.allclose(again, rtol: 0, atol: 0), "the same seed gave other dropout masks");
        using var evalAgain = new Translator(experiment, options).Translate(conditions);
        Assert.True(eval.allclose(evalAgain, rtol: 0, atol: 0), "the reference mode left the network changed");
    }
}
