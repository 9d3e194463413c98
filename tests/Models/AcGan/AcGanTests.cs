using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.AcGan;

public class AcGanTests
{
    /// <summary>Random faces in [−1, 1] with classes 0, 1, 0, 1, … as a class-balanced source.</summary>
    internal static IBatchSource RandomFaces(int size, int count, int batch, long seed)
    {
        using var noise = new Generator((ulong)seed);
        var images = rand(new long[] { count, 3, size, size }, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        var classes = arange(Scalars.Of(count), dtype: ScalarType.Int64) % Scalars.Of(2);
        return new ClassBalancedBatches(
            new Dictionary<string, Tensor> { [AcGanExperiment.ImageKey] = images, [AcGanExperiment.ClassKey] = classes },
            AcGanExperiment.ClassKey,
            batch,
            seed
        );
    }

    private static AcGanOptions Small =>
        new()
        {
            Resolution = 32,
            Width = 4,
            Latent = 8,
            BatchSize = 4,
            Steps = 10,
            SampleCount = 4,
        };

    private static long Parameters(nn.Module network) => network.parameters().Sum(p => p.numel());

    [Fact]
    public void At_paper_size_the_networks_have_the_sheets_layers_and_parameter_counts()
    {
        // The fact sheet's layers at 64², z 100, a 2 × 5 class table, w = 64, counted by hand (5×5 kernels).
        long conv(long from, long to) => from * to * 25;
        var generatorCount =
            2 * 5 // class table
            + 105 * 4 * 4 * 1024 // dense, no bias
            + 2 * 1024 // its batch norm
            + conv(1024, 512)
            + 2 * 512
            + conv(512, 256)
            + 2 * 256
            + conv(256, 128)
            + 2 * 128
            + conv(128, 3)
            + 3; // the output layer keeps its bias
        var trunkCount = conv(3, 64) + 64 + conv(64, 128) + 2 * 128 + conv(128, 256) + 2 * 256 + conv(256, 512) + 2 * 512;
        using var g = new AcGanGenerator(100, 5, 64, 64);
        using var d = new AcGanDiscriminator(64, 64);
        using var e = new AcGanEncoder(100, 64, 64);
        Assert.Equal(generatorCount, Parameters(g));
        Assert.Equal(trunkCount + 8192 + 1 + 8192 * 2 + 2, Parameters(d));
        Assert.Equal(trunkCount + 8192 * 100 + 100, Parameters(e));

        using var z = randn(2, 100);
        using var labels = tensor(new long[] { 0, 1 });
        using var images = g.call(z, labels);
        Assert.Equal(new long[] { 2, 3, 64, 64 }, images.shape);
        Assert.True(images.abs().max().ToDouble() <= 1);
        var (realness, classes) = d.call(images);
        using (realness)
        using (classes)
        {
            Assert.Equal(new long[] { 2 }, realness.shape);
            Assert.Equal(new long[] { 2, 2 }, classes.shape);
        }
        using var code = e.call(images);
        Assert.Equal(new long[] { 2, 100 }, code.shape);
        Assert.Equal(8192, new AcGanTrunk(64, 64).Features);
    }

    [Fact]
    public void The_losses_match_binary_and_categorical_cross_entropy_computed_by_hand()
    {
        double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        using var realLogits = tensor(new[] { 1.5, -0.5 });
        using var fakeLogits = tensor(new[] { 0.25, -2.0 });
        using var classLogits = tensor(
            new[,]
            {
                { 2.0, -1.0 },
                { 0.5, 0.75 },
            }
        );
        using var labels = tensor(new long[] { 0, 1 });
        // BCE(x → 1) = softplus(−x), BCE(x → 0) = softplus(x); CE = logsumexp − the true class's logit.
        double CrossEntropy(double a, double b, int truth) => Math.Log(Math.Exp(a) + Math.Exp(b)) - (truth == 0 ? a : b);
        var classes = (CrossEntropy(2.0, -1.0, 0) + CrossEntropy(0.5, 0.75, 1)) / 2;
        var expectedD = (Softplus(-1.5) + Softplus(0.5)) / 2 + (Softplus(0.25) + Softplus(-2.0)) / 2 + classes;
        using var d = AcGanLosses.Discriminator(realLogits, fakeLogits, classLogits, labels);
        Assert.Equal(expectedD, d.ToDouble(), 12);
        var expectedG = (Softplus(-0.25) + Softplus(2.0)) / 2 + classes;
        using var g = AcGanLosses.Generator(fakeLogits, classLogits, labels);
        Assert.Equal(expectedG, g.ToDouble(), 12);
    }

    [Fact]
    public void A_step_updates_every_parameter_of_g_and_d_and_leaks_no_tensor()
    {
        using var experiment = new AcGanExperiment(Small, RandomFaces(32, 16, 4, 1));
        ModelExperimentTests.Step(experiment); // the first step creates the optimisers' state
        var before = experiment.Networks.ToDictionary(
            n => n.Key,
            n => n.Value.named_parameters().Select(p => (p.name, value: p.parameter.clone().DetachFromDisposeScope())).ToList()
        );
        var baseline = LiveTensors.Settled();
        var losses = ModelExperimentTests.Step(experiment);
        Assert.Equal(baseline, LiveTensors.Settled());
        Assert.Equal(["D", "G", "real_class_accuracy"], losses.Keys);
        Assert.All(losses.Values, v => Assert.True(double.IsFinite(v)));
        foreach (var (network, parameters) in before)
        {
            var now = experiment.Networks[network].named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, value) in parameters)
            {
                Assert.False(value.allclose(now[name], rtol: 0, atol: 0), $"{network}.{name} did not move");
                value.Dispose();
            }
        }
    }

    [Fact]
    public void On_a_small_batch_of_two_distinct_classes_d_learns_them_and_g_learns_to_draw_each_as_asked()
    {
        // Class 0 dark, class 1 bright, 8 faces: an AC-GAN that trains at all separates them and draws to order.
        manual_seed(3);
        using var noise = new Generator(3);
        var classes = arange(Scalars.Of(8), dtype: ScalarType.Int64) % Scalars.Of(2);
        var faces =
            (rand(new long[] { 8, 3, 16, 16 }, generator: noise) * Scalars.Of(0.4) - Scalars.Of(0.8))
            + classes.view(-1, 1, 1, 1).to(ScalarType.Float32) * Scalars.Of(1.2);
        var data = new ClassBalancedBatches(
            new Dictionary<string, Tensor> { [AcGanExperiment.ImageKey] = faces, [AcGanExperiment.ClassKey] = classes },
            AcGanExperiment.ClassKey,
            8,
            seed: 1
        );
        using var experiment = new AcGanExperiment(Small with { Resolution = 16, BatchSize = 8, LearningRate = 1e-3 }, data);
        var steps = Enumerable.Range(0, 60).Select(_ => ModelExperimentTests.Step(experiment)).ToList();
        Assert.All(steps[^10..], s => Assert.Equal(1.0, s["real_class_accuracy"]));

        // G's fakes of each class are read by D as that class, and are darker for class 0 than for class 1.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        experiment.G.eval();
        experiment.D.eval();
        var asked = arange(Scalars.Of(16), dtype: ScalarType.Int64) % Scalars.Of(2);
        var fakes = experiment.G.call(randn(16, Small.Latent), asked);
        var (_, read) = experiment.D.call(fakes);
        Assert.True(read.argmax(1).eq(asked).to(ScalarType.Float32).mean().ToSingle() >= 0.9, "D does not read G's fakes as the class asked");
        var brightness = fakes.mean([1L, 2, 3]);
        Assert.True(
            brightness.index_select(0, asked.eq(Scalars.Of(0)).nonzero().squeeze(1)).mean().ToSingle()
                < brightness.index_select(0, asked.eq(Scalars.Of(1)).nonzero().squeeze(1)).mean().ToSingle(),
            "G draws the dark class no darker than the bright one"
        );
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses_and_the_sample_grid_leaves_the_default_generator_alone()
    {
        static double[] Run()
        {
            manual_seed(5);
            using var experiment = new AcGanExperiment(Small, RandomFaces(32, 16, 4, 1));
            return Enumerable.Range(0, 3).SelectMany(_ => ModelExperimentTests.Step(experiment).Values).ToArray();
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.NotEqual(first[0], first[^3]);

        using var experiment = new AcGanExperiment(Small, RandomFaces(32, 16, 4, 1));
        using var state = get_rng_state();
        using var grid = experiment.SampleGrid()!;
        using var after = get_rng_state();
        Assert.True(state.Equals(after));
        Assert.Equal(new long[] { 3, 2 * 33 + 1, 2 * 33 + 1 }, grid.shape); // 2 z × 2 classes, 1-pixel frames
    }

    [Fact]
    public void A_run_stopped_and_resumed_logs_the_same_losses_bit_for_bit()
    {
        using var temp = new Fixtures.TempFolder();
        var registry = new ExperimentRegistry().Register(AcGanExperiment.Definition(o => RandomFaces(o.Resolution, 16, o.BatchSize, o.Seed)));
        var overrides = TrainingFixtures.Set("steps=8", "log_every=1", "checkpoint_every=2", "resolution=16", "width=4", "latent=8", "batch_size=4");
        TrainingFixtures.AssertStopAndResumeMatch(registry, temp.Root, AcGanExperiment.Name, overrides, stopAfter: 3, comparedAfter: 4);
    }

    [Fact]
    public void Options_follow_the_reference_and_bad_values_are_refused()
    {
        var paper = (AcGanOptions)AcGanExperiment.Definition(_ => throw new InvalidOperationException()).Resolve(Preset.Paper);
        Assert.Equal(
            (64, 100, 5, 64, 64, 2, 2e-4, 0.5, "celeba"),
            (
                paper.Resolution,
                paper.Latent,
                paper.ClassEmbedding,
                paper.Width,
                paper.BatchSize,
                paper.GeneratorUpdates,
                paper.LearningRate,
                paper.Beta1,
                paper.Corpus
            )
        );
        Assert.Contains(new AcGanOptions { Resolution = 40 }.Validate(), p => p.StartsWith("resolution must be", StringComparison.Ordinal));
        Assert.Contains(new AcGanOptions { BatchSize = 7 }.Validate(), p => p.StartsWith("batch_size must be even", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_acgan_smoke_runs_from_the_cli_on_the_embedded_two_domain_faces()
    {
        using var data = new DataRootScope();
        var runs = Path.Combine(data.Path, "runs");
        var (code, _, error) = CliRunner.Run("train", AcGanExperiment.Name, "--preset", "smoke", "--steps", "3", "--out", runs);
        Assert.True(code == 0, error);
        var log = JsonlLog.Read(Directory.GetFiles(runs, "log.jsonl", SearchOption.AllDirectories).Single());
        Assert.Contains(log, entry => entry.ToJsonString().Contains("real_class_accuracy"));
        // The faces were made once under the data root, in CelebA's layout.
        Assert.Single(Directory.GetDirectories(Path.Combine(data.Path, "two-domain-faces")));
        var (unknown, _, message) = CliRunner.Run("train", AcGanExperiment.Name, "--preset", "smoke", "--out", runs, "--set", "corpus=shapes");
        Assert.Equal(2, unknown);
        Assert.Contains("no two-class faces in corpus 'shapes'", message);

        // Step 2 on that run's G, by either loss; without a generator run it says what it needs.
        var gan = Directory.GetDirectories(runs).Single(); // the refused run left no folder behind
        var encoders = Path.Combine(data.Path, "encoders");
        foreach (var loss in new[] { AcGanEncoderOptions.LatentLoss, AcGanEncoderOptions.PixelLoss })
        {
            (code, _, error) = CliRunner.Run([
                "train",
                AcGanEncoderExperiment.Name,
                "--preset",
                "smoke",
                "--steps",
                "2",
                "--out",
                encoders,
                "--set",
                $"generator_run={gan}",
                "--set",
                $"loss={loss}",
            ]);
            Assert.True(code == 0, error);
        }
        (code, _, error) = CliRunner.Run("train", AcGanEncoderExperiment.Name, "--preset", "smoke", "--out", encoders);
        Assert.Equal(2, code);
        Assert.Contains("needs generator_run=RUN", error);
        (code, _, error) = CliRunner.Run([
            "train",
            AcGanEncoderExperiment.Name,
            "--preset",
            "smoke",
            "--out",
            encoders,
            "--set",
            $"generator_run={Directory.GetDirectories(encoders)[0]}",
        ]);
        Assert.Equal(2, code);
        Assert.Contains("not an acgan one", error);
    }
}
