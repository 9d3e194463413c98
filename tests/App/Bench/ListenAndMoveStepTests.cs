using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;

namespace Dino.Repro.Tests.App.Bench;

public class ListenAndMoveStepTests
{
    [Fact]
    public void One_measured_iteration_at_the_cpu_size_runs_and_the_report_puts_each_ratio_beside_the_target()
    {
        var milliseconds = ListenAndMoveStep.MedianMilliseconds("cpu", warmup: 0, steps: 1);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");

        var kit = new Dictionary<string, double> { ["paper"] = 45000, ["cpu"] = 300 };
        var pytorch = JsonNode.Parse("""{"listen_and_move_paper_step_ms": 50000, "listen_and_move_cpu_step_ms": 600}""")!.AsObject();
        var report = ListenAndMoveStep.Bench.Report(kit, pytorch);
        Assert.Equal(0.9, report["listen_and_move_paper_step_ratio"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, report["listen_and_move_cpu_step_ratio"]!.GetValue<double>(), 12);
        var table = ListenAndMoveStep.Bench.Table(report);
        Assert.Contains("paper networks: 128², T = 32, widths 512 → 32, median of 3 (ms) | 45000 | 50000 | 0.9× | ≤ 0.6× |", table);
        Assert.Contains("cpu networks: 32², T = 16, widths 64 → 16, median of 5 (ms) | 300 | 600 | 0.5× | ≤ 0.6× |", table);
    }

    [Theory]
    // Printed by bench/lam_step.py (its listen_and_move_SIZE_parameters), whose PyTorch networks are written separately.
    [InlineData("paper", 8_427_163, 28_269_569, 9_432_065, 16_722)]
    [InlineData("cpu", 312_199, 430_017, 144_321, 16_722)]
    public void The_timed_networks_have_the_parameter_counts_of_the_pytorch_side(
        string size,
        long g,
        long videoCritic,
        long imageCritic,
        long features
    )
    {
        using var experiment = ListenAndMoveStep.Create(size);
        long Count(nn.Module module) => module.parameters().Sum(p => p.numel());
        Assert.Equal(g, Count(experiment.Networks["G"]));
        Assert.Equal(videoCritic, Count(experiment.Networks["D_V"]));
        Assert.Equal(imageCritic, Count(experiment.Networks["D_I"]));
        using var standIn = new Dino.Repro.Models.ListenAndMove.FrameFeatureNet(ListenAndMoveStep.StateFields);
        Assert.Equal(features, Count(standIn));
    }
}
