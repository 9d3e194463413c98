using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models;

public class ModelExperimentTests
{
    /// <summary>Random (condition, target) pairs in [−1, 1] as batch tensors "A" and "B".</summary>
    internal static IBatchSource RandomPairs(int size, int count, int batch, long seed)
    {
        using var noise = new Generator((ulong)seed);
        var a = rand(new long[] { count, 3, size, size }, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        var b = rand(new long[] { count, 3, size, size }, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        return new ShuffledBatches(new Dictionary<string, Tensor> { ["A"] = a, ["B"] = b }, batch, seed);
    }

    private static DinoOptions Dino(int size) =>
        new()
        {
            Resolution = size,
            BatchSize = 2,
            Steps = 10,
        };

    private static Pix2PixOptions Pix2Pix(int size) =>
        new()
        {
            Resolution = size,
            BatchSize = 2,
            Steps = 10,
            Ngf = 16,
            Ndf = 16,
        };

    private static IExperiment Create<TOptions>(ExperimentDefinition<TOptions> definition, TOptions options)
        where TOptions : TrainingOptions, new() => definition.Create(options);

    internal static IReadOnlyDictionary<string, double> Step(IExperiment experiment)
    {
        using var scope = NewDisposeScope();
        return experiment.Step(experiment.Data.Next());
    }

    internal static void AssertStepIsLeakFreeAndTrains(IExperiment experiment, string network)
    {
        Step(experiment); // the first step creates optimiser state and keeps the sample pairs
        var before = experiment.Networks[network].state_dict().Values.Select(t => t.clone().DetachFromDisposeScope()).ToList();
        var baseline = LiveTensors.Settled();
        var losses = Step(experiment);
        Assert.Equal(baseline, LiveTensors.Settled());
        Assert.All(losses.Values, v => Assert.True(double.IsFinite(v)));
        var after = experiment.Networks[network].state_dict().Values.ToList();
        Assert.Contains(before.Zip(after), pair => !pair.First.Equals(pair.Second));
        foreach (var t in before)
            t.Dispose();
    }

    [Fact]
    public void Dino_step_on_64x64_pairs_trains_both_networks_without_leaking()
    {
        using var experiment = Create(DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)), Dino(64));
        AssertStepIsLeakFreeAndTrains(experiment, "F");
        var reverse = experiment.Networks["R"].state_dict().Values.First().clone();
        Step(experiment);
        Assert.False(reverse.Equals(experiment.Networks["R"].state_dict().Values.First()));
        reverse.Dispose();
    }

    [Fact]
    public void Pix2pix_step_on_64x64_pairs_trains_without_leaking()
    {
        using var experiment = Create(Pix2PixExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)), Pix2Pix(64));
        AssertStepIsLeakFreeAndTrains(experiment, "G");
        AssertStepIsLeakFreeAndTrains(experiment, "D");
    }

    [Fact]
    public void Dino_k_moves_by_equation_4_from_the_step_energies()
    {
        using var experiment = Create(
            DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)),
            Dino(32) with
            {
                InitialK = 0.5,
                BalanceGain = 0.01,
            }
        );
        var losses = Step(experiment);
        var expected = Math.Clamp(0.5 + 0.01 * (losses["E_real"] - 0.8 * losses["E_fake"]), 0, 1);
        Assert.Equal(expected, experiment.Controller[DinoExperiment.BalanceKey], 12);
        Assert.NotEqual(0.5, experiment.Controller[DinoExperiment.BalanceKey]);
    }

    [Fact]
    public void Dino_l1_weight_adds_exactly_lambda_times_l1_to_the_forward_loss()
    {
        // Same seed, same first R step: the F losses differ by λ·mean|F(x, z) − y| alone.
        IReadOnlyDictionary<string, double> FirstStep(double weight)
        {
            using var experiment = Create(
                DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)),
                Dino(32) with
                {
                    ReconstructionWeight = weight,
                }
            );
            return Step(experiment);
        }

        var withL1 = FirstStep(2.0);
        var withoutL1 = FirstStep(0);
        Assert.Equal(withL1["R"], withoutL1["R"]);
        Assert.Equal(2.0 * withL1["L1"], withL1["F"] - withoutL1["F"], 5);
        Assert.True(withL1["L1"] > 0.1);
    }

    [Fact]
    public void Dino_ablation_without_balance_keeps_k_fixed()
    {
        using var experiment = Create(
            DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)),
            Dino(32) with
            {
                ReconstructionWeight = 0,
                AdaptiveBalance = false,
                InitialK = 1,
            }
        );
        Step(experiment);
        Step(experiment);
        Assert.Equal(1.0, experiment.Controller[DinoExperiment.BalanceKey]);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses_over_three_steps()
    {
        static double[] Run(Func<IExperiment> create)
        {
            using var experiment = create();
            return Enumerable.Range(0, 3).SelectMany(_ => Step(experiment).Values).ToArray();
        }

        var dino = DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed));
        var first = Run(() => Create(dino, Dino(32)));
        Assert.Equal(first, Run(() => Create(dino, Dino(32))));
        Assert.NotEqual(first[0], first[^5]); // R's loss moved: the runs trained

        var pix2pix = Pix2PixExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed));
        var p = Run(() => Create(pix2pix, Pix2Pix(32)));
        Assert.Equal(p, Run(() => Create(pix2pix, Pix2Pix(32))));
    }

    [Fact]
    public void Definitions_register_by_name_with_the_three_presets()
    {
        var registry = new ExperimentRegistry()
            .Register(DinoExperiment.Definition(o => RandomPairs(o.Resolution, 8, o.BatchSize, o.Seed)))
            .Register(Pix2PixExperiment.Definition(o => RandomPairs(o.Resolution, 8, o.BatchSize, o.Seed)));
        Assert.Equal(new[] { "dino", "pix2pix" }, registry.Names);
        var paper = (DinoOptions)registry.Get("dino").Resolve(Preset.Paper);
        Assert.Equal(
            (256, 8, 0.8, 0.2, 0.001, 32, 0.33),
            (paper.Resolution, paper.BatchSize, paper.Gamma, paper.Margin, paper.BalanceGain, paper.NoiseSize, paper.NoiseStd)
        );
        var cpu = (Pix2PixOptions)registry.Get("pix2pix").Resolve(Preset.Cpu);
        Assert.Equal((64, 100.0), (cpu.Resolution, cpu.L1Weight));
        Assert.Throws<UsageException>(() => registry.Get("dino").Resolve(Preset.Smoke, new Dictionary<string, string> { ["resolution"] = "48" }));
    }

    [Fact]
    public void Sample_grid_shows_source_target_and_translation_rows_without_touching_the_default_generator()
    {
        using var experiment = Create(DinoExperiment.Definition(o => RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)), Dino(32));
        Step(experiment);
        using var state = get_rng_state();
        using var grid = experiment.SampleGrid()!;
        using var stateAfter = get_rng_state();
        Assert.True(state.Equals(stateAfter));
        Assert.Equal(new long[] { 3, 2 * 33 + 1, 3 * 33 + 1 }, grid.shape); // 2 pairs × (A | B | F(A)), 1-pixel frames
    }
}
