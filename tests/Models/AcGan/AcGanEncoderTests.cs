using Dino.Repro.Data.Loading;
using Dino.Repro.Models.AcGan;

namespace Dino.Repro.Tests.Models.AcGan;

public class AcGanEncoderTests
{
    private static AcGanEncoderExperiment Create(string loss, long seed = 1, double generatorStd = 0.02)
    {
        manual_seed(seed);
        var generator = new AcGanGenerator(8, 5, 4, 16).Initialise();
        // A trained G depends on z far more than a freshly initialised one; a wider init stands in for that.
        Dino.Repro.Models.Common.WeightInit.Normal(generator, generatorStd);
        return new AcGanEncoderExperiment(
            new AcGanEncoderOptions
            {
                Loss = loss,
                BatchSize = 8,
                LearningRate = 1e-3,
            },
            generator,
            (8, 4, 16),
            AcGanTests.RandomFaces(16, 16, 8, seed)
        );
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module network) =>
        network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone().DetachFromDisposeScope());

    [Theory]
    [InlineData(AcGanEncoderOptions.LatentLoss)]
    [InlineData(AcGanEncoderOptions.PixelLoss)]
    public void A_step_trains_e_and_leaves_every_weight_and_statistic_of_the_frozen_g_as_it_was(string loss)
    {
        using var experiment = Create(loss);
        var g = Snapshot(experiment.Networks["G"]);
        var e = Snapshot(experiment.Networks["E"]);
        for (var i = 0; i < 2; i++)
            Assert.True(double.IsFinite(ModelExperimentTests.Step(experiment)["E"]));
        foreach (var (name, value) in experiment.Networks["G"].state_dict())
            Assert.True(value.allclose(g[name], rtol: 0, atol: 0), $"G's {name} changed");
        Assert.Contains(experiment.Networks["E"].state_dict(), kv => !kv.Value.allclose(e[kv.Key], rtol: 0, atol: 0));
        Assert.All(experiment.Networks["G"].parameters(), p => Assert.Null(p.grad));
        foreach (var t in g.Values.Concat(e.Values))
            t.Dispose();
    }

    [Fact]
    public void The_latent_loss_is_the_mean_squared_error_between_e_of_g_of_z_and_z()
    {
        using var experiment = Create(AcGanEncoderOptions.LatentLoss);
        manual_seed(9);
        using var loss = experiment.LatentLoss(4);
        // The same draws by hand: z, then the labels, from the default generator in that order.
        manual_seed(9);
        using var scope = NewDisposeScope();
        var z = randn(4, 8);
        var labels = randint(0, 2, [4], dtype: ScalarType.Int64);
        using var noGrad = no_grad();
        var code = experiment.E.call(((AcGanGenerator)experiment.Networks["G"]).call(z, labels));
        var expected = (code - z).pow(2).mean().ToDouble();
        Assert.Equal(expected, loss.ToDouble(), 6);
    }

    [Fact]
    public void Training_on_the_latent_loss_lowers_it()
    {
        using var experiment = Create(AcGanEncoderOptions.LatentLoss, generatorStd: 0.3);
        var losses = Enumerable.Range(0, 60).Select(_ => ModelExperimentTests.Step(experiment)["E"]).ToArray();
        Assert.True(
            losses[^10..].Average() < 0.8 * losses[..10].Average(),
            $"first {losses[..10].Average():0.###}, last {losses[^10..].Average():0.###}"
        );
    }

    [Fact]
    public void An_unknown_loss_is_refused() =>
        Assert.Contains(new AcGanEncoderOptions { Loss = "perceptual" }.Validate(), p => p.StartsWith("loss must be", StringComparison.Ordinal));
}
