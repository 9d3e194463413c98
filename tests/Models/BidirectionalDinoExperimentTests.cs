using Dino.Repro.Models.Dino;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Models;

public class BidirectionalDinoExperimentTests
{
    private static BidirectionalDinoOptions Options(int size) =>
        new()
        {
            Resolution = size,
            BatchSize = 2,
            Steps = 10,
        };

    /// <summary>The smallest players (16², 3 decoder layers, branched before the last two): for the tests of numbers.</summary>
    private static BidirectionalDinoOptions Tiny => Options(16) with { BranchLayer = 1 };

    private static BidirectionalDinoExperiment Create(BidirectionalDinoOptions options) =>
        (BidirectionalDinoExperiment)
            BidirectionalDinoExperiment.Definition(o => ModelExperimentTests.RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed)).Create(options);

    private static List<Tensor> Snapshot(IEnumerable<Parameter> parameters) =>
        parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();

    private static bool Unchanged(List<Tensor> before, IEnumerable<Parameter> now) => before.Zip(now).All(pair => pair.First.Equals(pair.Second));

    private static bool AllChanged(List<Tensor> before, IEnumerable<Parameter> now) => before.Zip(now).All(pair => !pair.First.Equals(pair.Second));

    /// <summary>The parts of one player: encoder, trunk [0, L), generative layers [L, end), critic head.</summary>
    private static IEnumerable<Parameter>[] Parts(BidirectionalDinoUNet player) =>
        [
            player.Encoder.parameters(),
            player.TrunkParameters,
            player.Decoder.LayerParameters(player.BranchLayer, player.Decoder.LayerCount),
            player.CriticHead.parameters(),
        ];

    [Fact]
    public void Encoders_and_heads_move_only_in_the_critic_stage_generative_layers_only_in_the_generation_stage()
    {
        manual_seed(11);
        using var experiment = Create(Options(32) with { BranchLayer = 2 });
        using var scope = NewDisposeScope();
        var batch = experiment.Data.Next();
        var (x, y) = (batch["A"], batch["B"]);
        var (z1, z2) = (experiment.SampleNoise(2), experiment.SampleNoise(2));
        var players = new[] { experiment.Forward, experiment.Reverse };

        var before = players.SelectMany(Parts).Select(Snapshot).ToList();
        experiment.CriticStep(x, y, z1, z2);
        var after = players.SelectMany(Parts).ToList();
        for (var p = 0; p < 2; p++)
        {
            Assert.True(AllChanged(before[4 * p + 0], after[4 * p + 0]), "encoder in the critic stage");
            Assert.True(AllChanged(before[4 * p + 1], after[4 * p + 1]), "trunk in the critic stage");
            Assert.True(Unchanged(before[4 * p + 2], after[4 * p + 2]), "generative layers in the critic stage");
            Assert.True(AllChanged(before[4 * p + 3], after[4 * p + 3]), "head in the critic stage");
        }

        before = players.SelectMany(Parts).Select(Snapshot).ToList();
        experiment.GenerationStep(x, y, z1, z2);
        after = players.SelectMany(Parts).ToList();
        for (var p = 0; p < 2; p++)
        {
            Assert.True(Unchanged(before[4 * p + 0], after[4 * p + 0]), "encoder in the generation stage");
            Assert.True(AllChanged(before[4 * p + 1], after[4 * p + 1]), "trunk in the generation stage");
            Assert.True(AllChanged(before[4 * p + 2], after[4 * p + 2]), "generative layers in the generation stage");
            Assert.True(Unchanged(before[4 * p + 3], after[4 * p + 3]), "head in the generation stage");
        }
    }

    /// <summary>
    /// The generation stage leaves requires_grad off for every weight its optimisers do not move, yet moves the weights
    /// exactly as the full backward does (every weight requiring grad: the stage as first written, recomputed here by
    /// hand through the public parts), and no gradient reaches the idle weights (their critic-stage gradients stay).
    /// </summary>
    [Fact]
    public void Generation_stage_computes_no_idle_weight_gradient_and_updates_bit_for_bit_as_the_full_backward()
    {
        using var kept = Create(Tiny); // Create seeds from the options: both start identical
        using var full = Create(Tiny);
        using var scope = NewDisposeScope();
        var batch = kept.Data.Next();
        var (x, y) = (batch["A"], batch["B"]);
        manual_seed(13);
        var (z1, z2) = (kept.SampleNoise(2), kept.SampleNoise(2));
        kept.CriticStep(x, y, z1, z2);
        full.CriticStep(x, y, z1, z2);
        Assert.True(
            Unchanged(
                Snapshot(full.Forward.parameters().Concat(full.Reverse.parameters())),
                kept.Forward.parameters().Concat(kept.Reverse.parameters())
            )
        );

        IEnumerable<Parameter> Idle(BidirectionalDinoExperiment e) => e.Forward.Encoder.parameters().Concat(e.Reverse.Encoder.parameters());
        var keptGrads = Idle(kept).Select(p => p.grad!.clone()).ToList();
        var fullGrads = Idle(full).Select(p => p.grad!.clone()).ToList();
        kept.GenerationStep(x, y, z1, z2);
        FullBackwardGenerationStep(full, x, y, z1, z2);

        Assert.True(
            Unchanged(
                Snapshot(full.Forward.parameters().Concat(full.Reverse.parameters())),
                kept.Forward.parameters().Concat(kept.Reverse.parameters())
            ),
            "every weight bit for bit as the full backward"
        );
        Assert.True(keptGrads.Zip(Idle(kept)).All(pair => pair.First.Equals(pair.Second.grad!)), "no gradient reached the encoders");
        Assert.False(
            fullGrads.Zip(Idle(full)).All(pair => pair.First.Equals(pair.Second.grad!)),
            "the full backward does reach them (the test can tell)"
        );
        Assert.All(kept.Forward.parameters().Concat(kept.Reverse.parameters()), p => Assert.True(p.requires_grad)); // restored afterwards
    }

    private static void FullBackwardGenerationStep(BidirectionalDinoExperiment e, Tensor x, Tensor y, Tensor? z1, Tensor? z2)
    {
        var (optF, optR) = (e.Optimizers["F"], e.Optimizers["R"]);
        var translationF = e.Forward.call(x, z1);
        var lossF = DinoLosses.ForwardLoss(
            DinoLosses.Energy(e.Reverse.Critic(translationF, z2), x),
            translationF,
            y,
            e.Options.ReconstructionWeight,
            squaredError: true
        );
        optF.zero_grad();
        lossF.backward();
        optF.step();
        var translationR = e.Reverse.call(y, z2);
        var lossR = DinoLosses.ForwardLoss(
            DinoLosses.Energy(e.Forward.Critic(translationR, z1), y),
            translationR,
            x,
            e.Options.ReconstructionWeight,
            squaredError: true
        );
        optR.zero_grad();
        lossR.backward();
        optR.step();
    }

    [Fact]
    public void Both_controllers_move_by_equation_4_from_their_own_players_energies()
    {
        manual_seed(12);
        using var experiment = Create(Tiny with { InitialK = 0.5, BalanceGain = 0.01 });
        var losses = ModelExperimentTests.Step(experiment);
        var k1 = Math.Clamp(0.5 + 0.01 * (losses["E1_real"] - 0.8 * losses["E1_fake"]), 0, 1);
        var k2 = Math.Clamp(0.5 + 0.01 * (losses["E2_real"] - 0.8 * losses["E2_fake"]), 0, 1);
        Assert.Equal(k1, experiment.Controller[BidirectionalDinoExperiment.ForwardBalanceKey], 12);
        Assert.Equal(k2, experiment.Controller[BidirectionalDinoExperiment.ReverseBalanceKey], 12);
        Assert.NotEqual(k1, k2, 12);
        Assert.NotEqual(0.5, k1);
    }

    [Theory]
    [InlineData(1e-6, 1.0)] // b = E_real − γ·E_fake > 0: a huge gain pushes k past 1
    [InlineData(1e6, 0.0)] // b < 0: past 0
    public void Both_controllers_clip_to_the_unit_interval(double gamma, double clipped)
    {
        manual_seed(13);
        using var experiment = Create(Tiny with { InitialK = 0.5, BalanceGain = 1e3, Gamma = gamma });
        ModelExperimentTests.Step(experiment);
        Assert.Equal(clipped, experiment.Controller[BidirectionalDinoExperiment.ForwardBalanceKey]);
        Assert.Equal(clipped, experiment.Controller[BidirectionalDinoExperiment.ReverseBalanceKey]);
    }

    [Fact]
    public void A_step_on_32x32_pairs_trains_both_players_without_leaking()
    {
        manual_seed(14);
        using var experiment = Create(Options(32));
        ModelExperimentTests.AssertStepIsLeakFreeAndTrains(experiment, "F");
        ModelExperimentTests.AssertStepIsLeakFreeAndTrains(experiment, "R");
        Assert.Equal(["C", "F", "R", "E1_real", "E1_fake", "E2_real", "E2_fake"], experiment.LossNames);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_losses_over_three_steps()
    {
        List<IReadOnlyDictionary<string, double>> Run()
        {
            manual_seed(15);
            using var experiment = Create(Tiny);
            return Enumerable.Range(0, 3).Select(_ => ModelExperimentTests.Step(experiment)).ToList();
        }

        var first = Run();
        var second = Run();
        for (var step = 0; step < 3; step++)
            foreach (var (name, value) in first[step])
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(second[step][name]));
        Assert.NotEqual(first[0]["C"], first[2]["C"]);
    }

    [Fact]
    public void Options_derive_from_one_way_dino_and_presets_reuse_its_own()
    {
        var defaults = new BidirectionalDinoOptions();
        Assert.Equal(3, defaults.BranchLayer);
        Assert.Equal(new DinoOptions().Gamma, defaults.Gamma);
        Assert.Empty(defaults.Validate());
        Assert.Contains((defaults with { Resolution = 32, BranchLayer = 4 }).Validate(), p => p.StartsWith("branch_layer"));
        Assert.Empty((defaults with { Resolution = 32, BranchLayer = 3 }).Validate());
        foreach (var (name, preset) in BidirectionalDinoExperiment.Presets)
        {
            var resolved = preset(new BidirectionalDinoOptions());
            var oneWay = DinoExperiment.Presets[name](new DinoOptions());
            Assert.Equal(
                (oneWay.Resolution, oneWay.BatchSize, oneWay.Steps, oneWay.Corpus),
                (resolved.Resolution, resolved.BatchSize, resolved.Steps, resolved.Corpus)
            );
            Assert.Empty(resolved.Validate());
        }
    }
}
