using Dino.Repro.App.Reproduce;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class EncoderSpeedTests
{
    [Fact]
    public void The_common_target_is_the_largest_best_error_and_each_curve_reaches_it_at_its_first_point_below()
    {
        IReadOnlyList<ReconstructionPoint> fast = [new(100, 10, 0.30), new(200, 20, 0.12), new(300, 30, 0.08)];
        IReadOnlyList<ReconstructionPoint> slow = [new(100, 15, 0.40), new(200, 30, 0.20), new(300, 45, 0.10), new(400, 60, 0.11)];
        var target = EncoderSpeed.CommonTarget([fast, slow]);
        Assert.Equal(0.10, target); // slow's best; fast reaches it too
        Assert.Equal(new ReconstructionPoint(300, 30, 0.08), EncoderSpeed.FirstReaching(fast, target));
        Assert.Equal(new ReconstructionPoint(300, 45, 0.10), EncoderSpeed.FirstReaching(slow, target));
        Assert.Null(EncoderSpeed.FirstReaching(slow, 0.05));
        Assert.Throws<ArgumentException>(() => EncoderSpeed.CommonTarget([fast, []]));
    }

    [Fact]
    public void A_run_is_read_as_its_evaluations_with_the_wall_time_logged_at_the_same_step()
    {
        using var folder = new Fixtures.TempFolder();
        File.WriteAllText(folder.File("options.json"), "{}");
        File.WriteAllLines(
            folder.File("log.jsonl"),
            [
                """{"step":5,"losses":{"E":0.9},"wall_s":1.5}""",
                """{"step":10,"losses":{"E":0.8},"wall_s":3.0}""",
                """{"step":15,"losses":{"E":0.7},"wall_s":4.5}""",
                """{"step":20,"losses":{"E":0.6},"wall_s":6.25}""",
            ]
        );
        var key = AcGanEncoderExperiment.PixelReconstruction;
        File.WriteAllLines(
            folder.File("metrics.jsonl"),
            [
                $$$"""{"step":10,"metrics":{"{{{key}}}":0.4,"latent_reconstruction":0.9}}""",
                $$$"""{"step":20,"metrics":{"{{{key}}}":0.3}}""",
                // No log line at step 25: no wall time to pair with, left out.
                $$$"""{"step":25,"metrics":{"{{{key}}}":0.2}}""",
            ]
        );
        Assert.Equal([new ReconstructionPoint(10, 3.0, 0.4), new ReconstructionPoint(20, 6.25, 0.3)], EncoderSpeed.Read(folder.Root));
    }
}
