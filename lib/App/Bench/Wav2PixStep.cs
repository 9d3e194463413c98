using System.Text.Json.Nodes;
using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Wav2Pix;
using Dino.Repro.Training;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The Wav2Pix iteration benchmark: one training iteration exactly as <see cref="Wav2PixExperiment.Step"/> runs it (D on
/// real, fake and mismatched faces with the speech embedding; then the speech encoder, generator and auxiliary classifier
/// on the least-squares, feature-matching, L1 and identity terms), beside the same computation in PyTorch
/// (bench/wav2pix_step.py, written from the fact sheet) in one run, at two sizes: the ICASSP networks (64², widths 64,
/// SEGAN channels 16 … 1024, 1 s of speech) at batch 16 and the kit's cpu preset (widths 16, SEGAN channels a quarter) at
/// its batch of 64. Ten speakers, as the reference's classifier.
/// </summary>
public static class Wav2PixStep
{
    public const int Identities = 10;

    /// <summary>The sizes timed: name → (width, SEGAN channel divisor, batch).</summary>
    public static IReadOnlyDictionary<string, (int Width, int Divisor, int Batch)> Sizes { get; } =
        new Dictionary<string, (int, int, int)> { ["paper"] = (64, 1, 16), ["cpu"] = (16, 4, 64) };

    public static SizedStepBench Bench { get; } =
        new(
            "wav2pix",
            "Wav2Pix iteration (1 D + 1 G update, 1 s of speech, 64²)",
            Sizes.Select(s => KeyValuePair.Create(s.Key, $"width {s.Value.Width}, SEGAN channels ÷{s.Value.Divisor}, batch {s.Value.Batch}")).ToList()
        );

    /// <summary>Median milliseconds of one iteration at a size of <see cref="Sizes"/>, after <paramref name="warmup"/> unmeasured ones.</summary>
    public static double MedianMilliseconds(string size, int warmup = 2, int steps = 5)
    {
        var (width, divisor, batch) = Sizes[size];
        torch.manual_seed(0);
        var options = new Wav2PixOptions
        {
            Width = width,
            SpeechChannelDivisor = divisor,
            BatchSize = batch,
            Device = ComputeDevice.Cpu,
        };
        using var experiment = new Wav2PixExperiment(options, RandomPairs(options.Samples, batch));
        return StepTiming.MedianMilliseconds(experiment, warmup, steps);
    }

    // One batch of random faces and speech of ten speakers, each with another speaker's face; two pairs for the grid.
    private static TalkingHeadData RandomPairs(int samples, int batch)
    {
        using var scope = torch.NewDisposeScope();
        var faces = torch.rand(batch, 3, 64, 64) * Scalars.Of(2) - Scalars.Of(1);
        var labels = torch.arange(Scalars.Of(batch), dtype: ScalarType.Int64) % Scalars.Of(Identities);
        var inner = new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = faces,
                [TalkingHeadData.SpeechKey] = torch.rand(batch, samples) * Scalars.Of(2) - Scalars.Of(1),
                [TalkingHeadData.LabelKey] = labels,
            },
            batch,
            seed: 0
        );
        var pairs = new MismatchedExamples(inner, faces.alias(), labels, TalkingHeadData.LabelKey, TalkingHeadData.WrongFaceKey, seed: 0);
        var grid = new Batch(
            2,
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = faces[..2].DetachFromDisposeScope(),
                [TalkingHeadData.SpeechKey] = torch.zeros(2, samples).DetachFromDisposeScope(),
                [TalkingHeadData.LabelKey] = labels[..2].DetachFromDisposeScope(),
            }
        );
        return new TalkingHeadData(pairs, Identities, grid);
    }

    public static JsonObject Report(IReadOnlyDictionary<string, double> kitMs, JsonObject? pytorch) => Bench.Report(kitMs, pytorch);

    public static string Table(JsonObject r) => Bench.Table(r);

    public static string Json(JsonObject r) => SizedStepBench.Json(r);
}
