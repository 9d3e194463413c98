using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models;

public class BicycleGanExperimentTests
{
    private static BicycleGanOptions Small(int size = 32) =>
        new()
        {
            Resolution = size,
            BatchSize = 4,
            Steps = 10,
            Ngf = 8,
            Ndf = 8,
            Nef = 8,
        };

    private static IExperiment Create(BicycleGanOptions options) =>
        BicycleGanExperiment.Definition(o => ModelExperimentTests.RandomPairs(o.Resolution, 8, o.BatchSize, o.Seed)).Create(options);

    private static List<Tensor> Snapshot(IExperiment experiment, string network) =>
        experiment.Networks[network].state_dict().Values.Select(t => t.clone().DetachFromDisposeScope()).ToList();

    private static bool Changed(IExperiment experiment, string network, List<Tensor> before) =>
        before.Zip(experiment.Networks[network].state_dict().Values).Any(pair => !pair.First.Equals(pair.Second));

    [Fact]
    public void One_step_leaks_no_tensor_and_updates_g_e_d_and_d2()
    {
        using var experiment = Create(Small());
        ModelExperimentTests.Step(experiment); // optimiser state and sample pairs are made once
        string[] networks = ["G", "E", "D", "D2"];
        var before = networks.ToDictionary(n => n, n => Snapshot(experiment, n));
        var baseline = LiveTensors.Settled();
        var losses = ModelExperimentTests.Step(experiment);
        Assert.Equal(baseline, LiveTensors.Settled());
        Assert.Equal(experiment.LossNames, losses.Keys);
        Assert.All(losses.Values, v => Assert.True(double.IsFinite(v)));
        foreach (var n in networks)
            Assert.True(Changed(experiment, n, before[n]), $"{n} did not change");
        foreach (var t in before.Values.SelectMany(x => x))
            t.Dispose();
    }

    [Fact]
    public void Latent_regression_trains_g_but_not_e()
    {
        // Every other term off: only |μ(E(G(A, z))) − z| has a gradient, and E is frozen while it flows.
        using var experiment = Create(Small() with { GanWeight = 0, GanWeight2 = 0, L1Weight = 0, KlWeight = 0 });
        var encoder = Snapshot(experiment, "E");
        var generator = Snapshot(experiment, "G");
        var losses = ModelExperimentTests.Step(experiment);
        Assert.True(losses["z_L1"] > 0);
        Assert.False(Changed(experiment, "E", encoder));
        Assert.True(Changed(experiment, "G", generator));
        foreach (var t in encoder.Concat(generator))
            t.Dispose();
    }

    [Fact]
    public void Z_sampling_and_encoding_are_reproducible_with_a_seed()
    {
        using var experiment = (BicycleGanExperiment)Create(Small());
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var z1 = experiment.SampleZ(3, new Generator(5));
        Assert.Equal(new long[] { 3, 8 }, z1.shape);
        Assert.True(z1.Equals(experiment.SampleZ(3, new Generator(5))));
        Assert.False(z1.Equals(experiment.SampleZ(3, new Generator(6))));

        experiment.Encoder.eval();
        var b = rand(new long[] { 2, 3, 32, 32 });
        var (z, mu, logvar) = experiment.Encode(b, new Generator(7));
        var (zAgain, _, _) = experiment.Encode(b, new Generator(7));
        Assert.True(z.Equals(zAgain));
        var epsilon = experiment.SampleZ(2, new Generator(7));
        Assert.True(z.allclose(mu + (logvar * Scalars.Of(0.5)).exp() * epsilon));
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses_over_three_steps()
    {
        static double[] Run()
        {
            using var experiment = Create(Small());
            return Enumerable.Range(0, 3).SelectMany(_ => ModelExperimentTests.Step(experiment).Values).ToArray();
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.NotEqual(first[0], first[^7]); // G_GAN moved between the first and last step
    }

    [Fact]
    public void Options_follow_the_reference_and_the_smoke_preset_is_tiny()
    {
        var options = new BicycleGanOptions();
        Assert.Equal(
            (8, 2, "instance", 10.0, 0.01, 0.5, 2e-4, 0.5, 2, 3),
            (
                options.Nz,
                options.BatchSize,
                options.Norm,
                options.L1Weight,
                options.KlWeight,
                options.LatentWeight,
                options.LearningRate,
                options.Beta1,
                options.DiscriminatorScales,
                options.ResolvedDiscriminatorLayers
            )
        );
        Assert.Equal(2, (options with { Resolution = 128 }).ResolvedDiscriminatorLayers); // basic_128_multi
        var smoke = BicycleGanExperiment.Presets[Preset.Smoke](options);
        Assert.Equal((32, 8, 8, 8, 20), (smoke.Resolution, smoke.Ngf, smoke.Ndf, smoke.Nef, smoke.Steps));
        Assert.Contains(new BicycleGanOptions { BatchSize = 1 }.Validate(), p => p.Contains("batch_size"));
        Assert.Empty(smoke.Validate());
    }

    [Fact]
    public void Train_bicyclegan_smoke_runs_from_the_cli()
    {
        using var data = new DataRootScope();
        var runs = Path.Combine(data.Path, "runs");
        var (code, _, error) = CliRunner.Run(
            "train",
            BicycleGanExperiment.Name,
            "--preset",
            "smoke",
            "--steps",
            "2",
            "--out",
            runs,
            "--set",
            "shapes_count=12"
        );
        Assert.True(code == 0, error);
        var log = JsonlLog.Read(Directory.GetFiles(runs, "log.jsonl", SearchOption.AllDirectories).Single());
        Assert.Contains(log, entry => entry.ContainsKey("z_L1") || entry.ToJsonString().Contains("z_L1"));
    }
}
