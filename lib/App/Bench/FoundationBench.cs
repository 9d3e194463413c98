using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The foundation benchmark: the kit (TorchSharp, libtorch 2.10) and PyTorch (Debian's python3-torch 1.13) measured
/// in one run on this machine — per-op overhead on tiny tensors, one U-Net training step, sgemm throughput.
/// </summary>
public static class FoundationBench
{
    public sealed record Figures(double OpOverheadUs, double UnetStepMs, double SgemmGflops);

    public static Figures MeasureKit(Action<string>? progress = null)
    {
        progress?.Invoke("kit: per-op overhead");
        var op = OpOverheadMicroseconds();
        progress?.Invoke("kit: U-Net training step (64x64, batch 8)");
        var unet = UNetStep.MedianMilliseconds();
        progress?.Invoke("kit: sgemm 2048²");
        var gflops = SgemmGFlops(2048, TimeSpan.FromSeconds(2));
        return new Figures(op, unet, gflops);
    }

    /// <summary>
    /// Time of one `c = a + b` on 4-element tensors, wrapper allocation and free included: the median over
    /// batches, so a burst of load from elsewhere on the machine does not decide the figure.
    /// </summary>
    public static double OpOverheadMicroseconds(int batches = 21, int perBatch = 20_000)
    {
        using var a = torch.randn(4);
        using var b = torch.randn(4);
        for (var i = 0; i < perBatch; i++)
            (a + b).Dispose();
        var times = new double[batches];
        for (var k = 0; k < batches; k++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBatch; i++)
                (a + b).Dispose();
            times[k] = watch.Elapsed.TotalMicroseconds / perBatch;
        }
        Array.Sort(times);
        return times[batches / 2];
    }

    public static double SgemmGFlops(int n, TimeSpan budget)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        a.mm(b).Dispose();
        var watch = Stopwatch.StartNew();
        var k = 0;
        while (watch.Elapsed < budget || k < 3)
        {
            a.mm(b).Dispose();
            k++;
        }
        return 2.0 * n * n * n * k / watch.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>
    /// Runs bench/<paramref name="scriptName"/> with /usr/bin/python3 (its last stdout line is one JSON object); null (with the reason) when PyTorch
    /// is not installed.
    /// </summary>
    public static (JsonObject? figures, string? whyNot) MeasurePyTorch(string repoRoot, string scriptName = "foundation.py")
    {
        var script = Path.Combine(repoRoot, "bench", scriptName);
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            return (null, "no /usr/bin/python3");
        var info = new ProcessStartInfo(python, script) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DINO_NUM_THREADS"] = torch.get_num_threads().ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (null, stderr.Contains("No module named 'torch'") ? "python3-torch is not installed (bench/run.sh installs it)" : stderr.Trim());
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return (JsonNode.Parse(line)!.AsObject(), null);
    }

    public static JsonObject Report(Figures kit, JsonObject? pytorch)
    {
        double? Py(string key) => pytorch?[key]?.GetValue<double>();
        var result = new JsonObject
        {
            ["bench"] = "foundation",
            ["op_overhead_us"] = Round(kit.OpOverheadUs),
            ["pytorch_op_overhead_us"] = Round(Py("op_overhead_us")),
            ["unet_step_ms"] = Round(kit.UnetStepMs),
            ["pytorch_unet_step_ms"] = Round(Py("unet_step_ms")),
            ["unet_step_ratio"] = Round(kit.UnetStepMs / Py("unet_step_ms")),
            ["sgemm_gflops"] = Round(kit.SgemmGflops),
            ["pytorch_sgemm_gflops"] = Round(Py("sgemm_gflops")),
            ["threads"] = torch.get_num_threads(),
            ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "",
            ["libtorch"] = torch.__version__,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return result;
    }

    private static double? Round(double? value) => value is null || double.IsNaN(value.Value) ? null : Math.Round(value.Value, 3);

    public static string Table(JsonObject r)
    {
        string F(string key) => r[key] is null ? "n/a" : r[key]!.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
        string Ratio(string kit, string py) =>
            r[kit] is null || r[py] is null
                ? "n/a"
                : (r[kit]!.GetValue<double>() / r[py]!.GetValue<double>()).ToString("0.00", CultureInfo.InvariantCulture) + "×";
        return string.Join(
            '\n',
            "| measure | kit | PyTorch | kit / PyTorch | target |",
            "| --- | --- | --- | --- | --- |",
            $"| per-op overhead, tiny tensors (µs) | {F("op_overhead_us")} | {F("pytorch_op_overhead_us")} | "
                + $"{Ratio("op_overhead_us", "pytorch_op_overhead_us")} | ≤ 1.2 µs |",
            $"| U-Net training step, 64×64, batch 8 (ms) | {F("unet_step_ms")} | {F("pytorch_unet_step_ms")} | "
                + $"{Ratio("unet_step_ms", "pytorch_unet_step_ms")} | ≤ 0.5× |",
            $"| sgemm 2048² (GFLOP/s) | {F("sgemm_gflops")} | {F("pytorch_sgemm_gflops")} | {Ratio("sgemm_gflops", "pytorch_sgemm_gflops")} | ≥ "
                + "150 GFLOP/s |"
        );
    }

    public static string Json(JsonObject r) => r.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
