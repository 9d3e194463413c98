using System.Text.Json.Nodes;
using Dino.Repro.Data.Loading;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Training;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The AC-GAN iteration benchmark: one training iteration of Dong et al.'s AC-GAN exactly as <see cref="AcGanExperiment.Step"/>
/// runs it (one D update, two G updates with the same z and labels), beside the same computation in PyTorch
/// (bench/acgan_step.py, written from the fact sheet) in one run, at two sizes: the paper's networks (64², widths 64)
/// at batch 16 and the kit's cpu preset (32², widths 16) at its batch of 64.
/// </summary>
public static class AcGanStep
{
    /// <summary>The sizes timed: name → (resolution, width, batch).</summary>
    public static IReadOnlyDictionary<string, (int Resolution, int Width, int Batch)> Sizes { get; } =
        new Dictionary<string, (int, int, int)> { ["paper"] = (64, 64, 16), ["cpu"] = (32, 16, 64) };

    /// <summary>Median milliseconds of one iteration at a size of <see cref="Sizes"/>, after <paramref name="warmup"/> unmeasured ones.</summary>
    public static double MedianMilliseconds(string size, int warmup = 2, int steps = 5)
    {
        var (resolution, width, batch) = Sizes[size];
        torch.manual_seed(0);
        using var source = RandomFaces(resolution, batch);
        var options = new AcGanOptions
        {
            Resolution = resolution,
            Width = width,
            BatchSize = batch,
            Device = ComputeDevice.Cpu,
        };
        using var experiment = new AcGanExperiment(options, source);
        return StepTiming.MedianMilliseconds(experiment, warmup, steps);
    }

    // One batch of random faces, half of each class; the source takes the tensors out of the scope, which frees the rest.
    private static ClassBalancedBatches RandomFaces(int resolution, int batch)
    {
        using var scope = torch.NewDisposeScope();
        var data = new Dictionary<string, Tensor>
        {
            [AcGanExperiment.ImageKey] = torch.rand(batch, 3, resolution, resolution) * Scalars.Of(2) - Scalars.Of(1),
            [AcGanExperiment.ClassKey] = torch.arange(Scalars.Of(batch), dtype: ScalarType.Int64) % Scalars.Of(2),
        };
        return new ClassBalancedBatches(data, AcGanExperiment.ClassKey, batch, seed: 0);
    }

    /// <summary>The figures, table and JSON line of this bench.</summary>
    public static SizedStepBench Bench { get; } =
        new(
            "acgan",
            "AC-GAN iteration (1 D + 2 G updates)",
            Sizes.Select(s => KeyValuePair.Create(s.Key, $"{s.Value.Resolution}², width {s.Value.Width}, batch {s.Value.Batch}")).ToList()
        );

    /// <summary>Both sides' figures and the kit/PyTorch ratios (null where PyTorch did not run).</summary>
    public static JsonObject Report(IReadOnlyDictionary<string, double> kitMs, JsonObject? pytorch) => Bench.Report(kitMs, pytorch);

    public static string Table(JsonObject r) => Bench.Table(r);

    public static string Json(JsonObject r) => SizedStepBench.Json(r);
}
