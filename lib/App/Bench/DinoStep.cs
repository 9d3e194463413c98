using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Dino;
using Dino.Repro.Training;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The DINO iteration benchmark: one training iteration of one-way DINO exactly as <see cref="DinoExperiment.Step"/>
/// runs it (Reverse step on real and detached translated targets, Forward step through the updated Reverse, the
/// balance update and both LR schedulers), both U-Nets at 64×64, batch 8, beside the same computation in PyTorch
/// (bench/dino_step.py, written from the fact sheet) in one run.
/// </summary>
public static class DinoStep
{
    public const int Resolution = 64;
    public const int BatchSize = 8;

    /// <summary>Median milliseconds of one iteration after <paramref name="warmup"/> unmeasured ones.</summary>
    public static double MedianMilliseconds(int warmup = 3, int steps = 10)
    {
        torch.manual_seed(0);
        using var source = RandomPairs();
        var options = new DinoOptions
        {
            Resolution = Resolution,
            BatchSize = BatchSize,
            Steps = 1_000,
            Device = ComputeDevice.Cpu,
        };
        using var experiment = new DinoExperiment(options, source);
        return StepTiming.MedianMilliseconds(experiment, warmup, steps);
    }

    // One batch of random pairs in [−1, 1]; the source takes the tensors out of the scope, which frees the rest.
    private static ShuffledBatches RandomPairs()
    {
        using var scope = torch.NewDisposeScope();
        var data = new Dictionary<string, Tensor>
        {
            [PairedBatches.ConditionKey] = torch.rand(BatchSize, 3, Resolution, Resolution) * Scalars.Of(2) - Scalars.Of(1),
            [PairedBatches.TargetKey] = torch.rand(BatchSize, 3, Resolution, Resolution) * Scalars.Of(2) - Scalars.Of(1),
        };
        return new ShuffledBatches(data, BatchSize, seed: 0);
    }

    /// <summary>Both sides' figures and the kit/PyTorch ratio (null where PyTorch did not run).</summary>
    public static JsonObject Report(double kitMs, JsonObject? pytorch)
    {
        var py = pytorch?["dino_step_ms"]?.GetValue<double>();
        return new JsonObject
        {
            ["bench"] = "dino",
            ["dino_step_ms"] = Math.Round(kitMs, 3),
            ["pytorch_dino_step_ms"] = py is null ? null : Math.Round(py.Value, 3),
            ["dino_step_ratio"] = py is null ? null : Math.Round(kitMs / py.Value, 3),
            ["resolution"] = Resolution,
            ["batch"] = BatchSize,
            ["threads"] = torch.get_num_threads(),
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public static string Table(JsonObject r)
    {
        string F(string key) => r[key] is null ? "n/a" : r[key]!.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
        var ratio = r["dino_step_ratio"] is null ? "n/a" : F("dino_step_ratio") + "×";
        return string.Join(
            '\n',
            "| measure | kit | PyTorch | kit / PyTorch | target |",
            "| --- | --- | --- | --- | --- |",
            $"| DINO training iteration, both U-Nets, 64×64, batch 8 (ms) | {F("dino_step_ms")} | {F("pytorch_dino_step_ms")} | {ratio} | ≤ 0.5× |"
        );
    }

    public static string Json(JsonObject r) => r.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
