using Dino.Repro.Data.Loading;
using Dino.Repro.Models.AcGan;

namespace Dino.Repro.Tests.Models.AcGan;

public class AcGanEncoderTests
{
    private static AcGanEncoderExperiment Create(string loss, long seed = 1, double generatorStd = 0.02, Batch? heldOut = null)
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
            AcGanTests.RandomFaces(16, 16, 8, seed),
            heldOut
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
        var expected = (code - z).pow(Scalars.Of(2)).mean().ToDouble();
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

    [Fact]
    public void Evaluation_reports_the_held_out_pixel_error_and_the_latent_error_on_fixed_draws()
    {
        var faces = rand(new long[] { 6, 3, 16, 16 }, generator: new Generator(5)) * Scalars.Of(2) - Scalars.Of(1);
        var classes = tensor(new long[] { 0, 1, 0, 1, 0, 1 });
        using var expectedFaces = faces.clone();
        using var expectedClasses = classes.clone();
        using var experiment = Create(
            AcGanEncoderOptions.PixelLoss,
            generatorStd: 0.3,
            heldOut: new Batch(6, new Dictionary<string, Tensor> { [AcGanExperiment.ImageKey] = faces, [AcGanExperiment.ClassKey] = classes })
        );
        ModelExperimentTests.Step(experiment); // E's batch norm now has running statistics of its own

        var metrics = experiment.Evaluate()!;

        // By hand: E in eval mode, G(E(x), c_x) against x.
        experiment.E.eval();
        using (no_grad())
        {
            using var reconstruction = experiment.G.call(experiment.E.call(expectedFaces), expectedClasses);
            var expected = (reconstruction - expectedFaces).pow(Scalars.Of(2)).mean().ToDouble();
            Assert.Equal(expected, metrics[AcGanEncoderExperiment.PixelReconstruction], 6);
        }
        experiment.E.train();
        Assert.True(experiment.E.training, "evaluation left E in eval mode");
        Assert.False(experiment.G.training, "evaluation woke the frozen G");
        // The latent error is measured on the same draws each time: without training it does not move.
        Assert.Equal(metrics[AcGanEncoderExperiment.LatentReconstruction], experiment.Evaluate()![AcGanEncoderExperiment.LatentReconstruction]);
        Assert.True(metrics[AcGanEncoderExperiment.LatentReconstruction] > 0);
    }

    [Fact]
    public void Without_held_out_faces_only_the_latent_error_is_reported()
    {
        using var experiment = Create(AcGanEncoderOptions.LatentLoss);
        var metrics = experiment.Evaluate()!;
        Assert.Equal([AcGanEncoderExperiment.LatentReconstruction], metrics.Keys);
    }
}
