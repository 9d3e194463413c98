using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;

namespace Dino.Repro.Tests.App.Bench;

public class Wav2PixStepTests
{
    [Fact]
    public void One_measured_iteration_at_the_cpu_size_runs_and_takes_a_positive_time()
    {
        var milliseconds = Wav2PixStep.MedianMilliseconds("cpu", warmup: 0, steps: 1);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");
    }

    [Fact]
    public void The_report_names_each_size_and_puts_the_ratio_beside_the_target()
    {
        var kit = new Dictionary<string, double> { ["paper"] = 1200, ["cpu"] = 300 };
        var report = Wav2PixStep.Report(kit, JsonNode.Parse("""{"wav2pix_paper_step_ms": 1500, "wav2pix_cpu_step_ms": 600}""")!.AsObject());
        Assert.Equal(0.8, report["wav2pix_paper_step_ratio"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, report["wav2pix_cpu_step_ratio"]!.GetValue<double>(), 12);
        var table = Wav2PixStep.Table(report);
        Assert.Contains("paper networks: width 64, SEGAN channels ÷1, batch 16 (ms) | 1200 | 1500 | 0.8× | ≤ 0.6× |", table);
        Assert.Contains("cpu networks: width 16, SEGAN channels ÷4, batch 64 (ms) | 300 | 600 | 0.5× | ≤ 0.6× |", table);
        Assert.Equal("wav2pix", JsonNode.Parse(Wav2PixStep.Json(Wav2PixStep.Report(kit, null)))!["bench"]!.GetValue<string>());
    }
}
