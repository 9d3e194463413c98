using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;

namespace Dino.Repro.Tests.App.Bench;

public class DinoSpeechStepTests
{
    [Fact]
    public void One_measured_iteration_at_the_cpu_size_runs_and_the_report_puts_each_ratio_beside_the_target()
    {
        var milliseconds = DinoSpeechStep.MedianMilliseconds("cpu", warmup: 0, steps: 1);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");

        var kit = new Dictionary<string, double> { ["paper"] = 900, ["cpu"] = 200 };
        var pytorch = JsonNode.Parse("""{"dino_speech_paper_step_ms": 1000, "dino_speech_cpu_step_ms": 400}""")!.AsObject();
        var report = DinoSpeechStep.Bench.Report(kit, pytorch);
        Assert.Equal(0.9, report["dino_speech_paper_step_ratio"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, report["dino_speech_cpu_step_ratio"]!.GetValue<double>(), 12);
        Assert.Contains("cpu networks: 32² grey, widths ¼, batch 8 (ms) | 200 | 400 | 0.5× | ≤ 0.6× |", DinoSpeechStep.Bench.Table(report));
    }
}
