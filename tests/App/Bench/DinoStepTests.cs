using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;

namespace Dino.Repro.Tests.App.Bench;

public class DinoStepTests
{
    [Fact]
    public void One_measured_iteration_runs_and_takes_a_positive_time()
    {
        var milliseconds = DinoStep.MedianMilliseconds(warmup: 0, steps: 1);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");
    }

    [Fact]
    public void The_report_puts_both_sides_and_their_ratio_side_by_side_and_says_na_without_pytorch()
    {
        var report = DinoStep.Report(90, JsonNode.Parse("""{"dino_step_ms": 120}""")!.AsObject());
        Assert.Equal(0.75, report["dino_step_ratio"]!.GetValue<double>(), 12);
        Assert.Contains("| 90 | 120 | 0.75× | ≤ 0.5× |", DinoStep.Table(report));

        var alone = DinoStep.Report(90, null);
        Assert.Null(alone["dino_step_ratio"]);
        Assert.Contains("| 90 | n/a | n/a |", DinoStep.Table(alone));
        Assert.Equal("dino", JsonNode.Parse(DinoStep.Json(alone))!["bench"]!.GetValue<string>());
    }
}
