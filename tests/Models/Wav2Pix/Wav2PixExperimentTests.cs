using Dino.Repro.Models.Wav2Pix;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models.Wav2Pix;

public class Wav2PixExperimentTests
{
    private static readonly Wav2PixOptions Small = new()
    {
        Samples = 4096,
        Width = 4,
        SpeechChannelDivisor = 8,
        BatchSize = 4,
    };

    [Fact]
    public void A_step_updates_every_network_reports_every_term_and_leaks_no_tensor()
    {
        manual_seed(2);
        using var experiment = new Wav2PixExperiment(Small, RandomTalkingHeads.Make(1, wrongFaces: true));
        ModelExperimentTests.Step(experiment); // the optimisers' state exists from here on
        var before = experiment
            .Networks.SelectMany(n =>
                n.Value.named_parameters().Select(p => (name: $"{n.Key}.{p.name}", value: p.parameter.clone().DetachFromDisposeScope()))
            )
            .ToList();
        var baseline = LiveTensors.Settled();
        var losses = ModelExperimentTests.Step(experiment);
        Assert.Equal(baseline, LiveTensors.Settled());
        Assert.Equal(["D", "G", "adversarial", "feature_matching", "l1", "identity"], losses.Keys);
        Assert.All(losses.Values, v => Assert.True(double.IsFinite(v)));
        var now = experiment.Networks.SelectMany(n => n.Value.named_parameters().Select(p => ($"{n.Key}.{p.name}", p.parameter))).ToDictionary();
        foreach (var (name, value) in before)
        {
            Assert.False(value.allclose(now[name], rtol: 0, atol: 0), $"{name} did not move");
            value.Dispose();
        }
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_losses()
    {
        static double[] Run()
        {
            manual_seed(7);
            using var experiment = new Wav2PixExperiment(Small, RandomTalkingHeads.Make(3, wrongFaces: true));
            return Enumerable.Range(0, 3).SelectMany(_ => ModelExperimentTests.Step(experiment).Values).ToArray();
        }
        var first = Run();
        Assert.Equal(first, Run());
    }

    [Fact]
    public void Options_follow_the_reference_and_bad_values_are_refused()
    {
        var defaults = new Wav2PixOptions();
        Assert.Equal(
            (16_000, 64, 64, 0.5, 4e-4, 1e-4),
            (defaults.Samples, defaults.Resolution, defaults.Width, defaults.Dropout, defaults.LearningRateD, defaults.LearningRateG)
        );
        Assert.Equal([16, 32, 128, 256, 512, 1024], defaults.SpeechChannels);
        Assert.Equal(new Wav2PixLossWeights(100, 50, 20), defaults.LossWeights);
        Assert.Empty(defaults.Validate());
        Assert.Contains(new Wav2PixOptions { Resolution = 32 }.Validate(), p => p.StartsWith("resolution", StringComparison.Ordinal));
        Assert.Contains(new Wav2PixOptions { Samples = 100 }.Validate(), p => p.StartsWith("samples", StringComparison.Ordinal));
        Assert.Contains(new Wav2PixOptions { Dropout = 1 }.Validate(), p => p.StartsWith("dropout", StringComparison.Ordinal));
    }
}
