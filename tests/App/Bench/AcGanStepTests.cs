using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;

namespace Dino.Repro.Tests.App.Bench;

public class AcGanStepTests
{
    [Fact]
    public void One_measured_iteration_at_the_cpu_size_runs_and_takes_a_positive_time()
    {
        var milliseconds = AcGanStep.MedianMilliseconds("cpu", warmup: 0, steps: 1);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");
    }

    [Fact]
    public void The_report_puts_both_sides_and_their_ratio_side_by_side_per_size_and_says_na_without_pytorch()
    {
        var kit = new Dictionary<string, double> { ["paper"] = 300, ["cpu"] = 90 };
        var report = AcGanStep.Report(kit, JsonNode.Parse("""{"acgan_paper_step_ms": 600, "acgan_cpu_step_ms": 120}""")!.AsObject());
        Assert.Equal(0.5, report["acgan_paper_step_ratio"]!.GetValue<double>(), 12);
        Assert.Equal(0.75, report["acgan_cpu_step_ratio"]!.GetValue<double>(), 12);
        var table = AcGanStep.Table(report);
        Assert.Contains("64², width 64, batch 16 (ms) | 300 | 600 | 0.5× | ≤ 0.6× |", table);
        Assert.Contains("32², width 16, batch 64 (ms) | 90 | 120 | 0.75× | ≤ 0.6× |", table);

        var alone = AcGanStep.Report(kit, null);
        Assert.Null(alone["acgan_cpu_step_ratio"]);
        Assert.Contains("| 90 | n/a | n/a |", AcGanStep.Table(alone));
        Assert.Equal("acgan", JsonNode.Parse(AcGanStep.Json(alone))!["bench"]!.GetValue<string>());
    }
}
