using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Common;
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

    // 12 random faces and speech windows of 3 speakers, each row with a face of another speaker; 4 more for the grid.
    private static TalkingHeadData RandomData(long seed)
    {
        using var noise = new Generator((ulong)seed);
        var faces = rand(new long[] { 12, 3, 64, 64 }, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        var speech = rand(new long[] { 12, 4096 }, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        var labels = arange(Scalars.Of(12), dtype: ScalarType.Int64) % Scalars.Of(3);
        var inner = new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = faces.clone(),
                [TalkingHeadData.SpeechKey] = speech,
                [TalkingHeadData.LabelKey] = labels.clone(),
            },
            4,
            seed
        );
        var samples = new Batch(
            4,
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = (
                    rand(new long[] { 4, 3, 64, 64 }, generator: noise) * Scalars.Of(2) - Scalars.Of(1)
                ).DetachFromDisposeScope(),
                [TalkingHeadData.SpeechKey] = (
                    rand(new long[] { 4, 4096 }, generator: noise) * Scalars.Of(2) - Scalars.Of(1)
                ).DetachFromDisposeScope(),
            }
        );
        var batches = new MismatchedExamples(inner, faces, labels, TalkingHeadData.LabelKey, TalkingHeadData.WrongFaceKey, seed);
        return new TalkingHeadData(batches, Identities: 3, samples);
    }

    [Fact]
    public void A_step_updates_every_network_reports_every_term_and_leaks_no_tensor()
    {
        manual_seed(2);
        using var experiment = new Wav2PixExperiment(Small, RandomData(1));
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
            using var experiment = new Wav2PixExperiment(Small, RandomData(3));
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
