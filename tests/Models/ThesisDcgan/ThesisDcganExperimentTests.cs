using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models.ThesisDcgan;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.ThesisDcgan;

public class ThesisDcganExperimentTests
{
    private static readonly ThesisDcganOptions Small = new()
    {
        Samples = 4096,
        Width = 4,
        Latent = 8,
        SpeechChannelDivisor = 16,
        BatchSize = 4,
    };

    public static TheoryData<string> Variants =>
        new()
        {
            "condition=OneHotProjected",
            "condition=OneHotConcatenated",
            "condition=Speech",
            "condition=SpeechAndOneHot",
            "condition=Mel",
            "condition=OneHotProjected auxiliary_classifier=true",
            "condition=OneHotConcatenated spectral_norm=true dropout=0.5",
        };

    private static ThesisDcganOptions With(string sets) =>
        (ThesisDcganOptions)Dino.Repro.Models.OptionSet.WithOverrides(Small, TrainingFixtures.Set(sets.Split(' ')));

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_step_of_every_variant_moves_every_network_and_leaks_no_tensor(string sets)
    {
        manual_seed(2);
        using var experiment = new ThesisDcganExperiment(With(sets), RandomTalkingHeads.Make(1));
        ModelExperimentTests.Step(experiment); // the optimisers' state exists from here on
        var before = experiment
            .Networks.SelectMany(n =>
                n.Value.named_parameters().Select(p => (name: $"{n.Key}.{p.name}", value: p.parameter.clone().DetachFromDisposeScope()))
            )
            .ToList();
        var baseline = LiveTensors.Settled();
        var losses = ModelExperimentTests.Step(experiment);
        Assert.Equal(baseline, LiveTensors.Settled());
        Assert.Equal(["D", "G"], losses.Keys);
        Assert.All(losses.Values, v => Assert.True(double.IsFinite(v)));
        var now = experiment.Networks.SelectMany(n => n.Value.named_parameters().Select(p => ($"{n.Key}.{p.name}", p.parameter))).ToDictionary();
        foreach (var (name, value) in before)
        {
            Assert.False(value.allclose(now[name], rtol: 0, atol: 0), $"{name} did not move");
            value.Dispose();
        }
        var expected =
            sets.Contains("Speech", StringComparison.Ordinal) ? "E"
            : sets.Contains("Projected", StringComparison.Ordinal) ? "GP"
            : "G";
        Assert.Contains(expected, experiment.Networks.Keys);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_losses()
    {
        static double[] Run()
        {
            manual_seed(7);
            using var experiment = new ThesisDcganExperiment(With("condition=SpeechAndOneHot dropout=0.5"), RandomTalkingHeads.Make(3));
            return Enumerable.Range(0, 3).SelectMany(_ => ModelExperimentTests.Step(experiment).Values).ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Options_follow_the_thesis_and_bad_combinations_are_refused()
    {
        var paper = (ThesisDcganOptions)ThesisDcganExperiment.Definition(_ => throw new InvalidOperationException()).Resolve(Preset.Paper);
        Assert.Equal(
            (64, 100, 64, 2e-4, 2e-4, 64_000, false, 0.0, "youtubers"),
            (
                paper.Resolution,
                paper.Latent,
                paper.Width,
                paper.LearningRateD,
                paper.LearningRateG,
                paper.Samples,
                paper.SpectralNorm,
                paper.Dropout,
                paper.Corpus
            )
        );
        Assert.Equal([64, 128, 256, 512, 1024, 1024], paper.SpeechChannels);
        Assert.Empty(paper.Validate());
        Assert.Contains(With("condition=Speech auxiliary_classifier=true").Validate(), p =>
            p.StartsWith("auxiliary_classifier", StringComparison.Ordinal)
        );
        Assert.Contains((Small with { Resolution = 128 }).Validate(), p => p.StartsWith("resolution must be 64", StringComparison.Ordinal));
        Assert.Contains((Small with { Dropout = 1 }).Validate(), p => p.StartsWith("dropout", StringComparison.Ordinal));
    }
}
