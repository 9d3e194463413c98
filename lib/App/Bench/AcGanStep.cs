using System.Globalization;
using System.Text.Json;
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
            [AcGanExperiment.ImageKey] = torch.rand(batch, 3, resolution, resolution) * 2 - 1,
            [AcGanExperiment.ClassKey] = torch.arange(batch, dtype: ScalarType.Int64) % 2,
        };
        return new ClassBalancedBatches(data, AcGanExperiment.ClassKey, batch, seed: 0);
    }

    /// <summary>Both sides' figures and the kit/PyTorch ratios (null where PyTorch did not run).</summary>
    public static JsonObject Report(IReadOnlyDictionary<string, double> kitMs, JsonObject? pytorch)
    {
        var report = new JsonObject { ["bench"] = "acgan" };
        foreach (var (size, ms) in kitMs)
        {
            var key = $"acgan_{size}_step_ms";
            var py = pytorch?[key]?.GetValue<double>();
            report[key] = Math.Round(ms, 3);
            report[$"pytorch_{key}"] = py is null ? null : Math.Round(py.Value, 3);
            report[$"acgan_{size}_step_ratio"] = py is null ? null : Math.Round(ms / py.Value, 3);
        }
        report["threads"] = torch.get_num_threads();
        report["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return report;
    }

    public static string Table(JsonObject r)
    {
        string F(string key) => r[key] is null ? "n/a" : r[key]!.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
        var lines = new List<string> { "| measure | kit | PyTorch | kit / PyTorch | target |", "| --- | --- | --- | --- | --- |" };
        foreach (var (size, (resolution, width, batch)) in Sizes)
        {
            var key = $"acgan_{size}_step_ms";
            if (!r.ContainsKey(key))
                continue;
            var ratio = r[$"acgan_{size}_step_ratio"] is null ? "n/a" : F($"acgan_{size}_step_ratio") + "×";
            lines.Add(
                $"| AC-GAN iteration (1 D + 2 G updates), {size} networks: {resolution}², width {width}, batch {batch} (ms) | {F(key)} | "
                    + $"{F("pytorch_" + key)} | {ratio} | ≤ 0.6× |"
            );
        }
        return string.Join('\n', lines);
    }

    public static string Json(JsonObject r) => r.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
