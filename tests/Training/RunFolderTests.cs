using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class RunFolderTests
{
    [Fact]
    public void A_short_toy_gan_run_leaves_options_log_samples_and_the_last_k_checkpoints()
    {
        using var temp = new Fixtures.TempFolder();
        var result = TrainingFixtures
            .Trainer(temp.Root)
            .Train(
                "toy-gan",
                Preset.Smoke,
                TrainingFixtures.Set("steps=24", "log_every=4", "sample_every=12", "checkpoint_every=6", "keep_checkpoints=2", "evaluate_every=12")
            );

        var run = result.RunDirectory;
        Assert.Equal("00001-toy-gan-smoke", Path.GetFileName(run));
        Assert.True(result.Completed);
        Assert.Equal(24, result.Step);

        var manifest = TrainingFixtures.Json(Path.Combine(run, "options.json"));
        Assert.Equal("toy-gan", (string?)manifest["experiment"]);
        Assert.Equal("smoke", (string?)manifest["preset"]);
        Assert.Equal("6", (string?)manifest["overrides"]!["checkpoint_every"]);
        Assert.Equal(24, (int)manifest["options"]!["steps"]!);
        Assert.Equal(8, (int)manifest["options"]!["width"]!); // from the preset

        var lines = JsonlLog.Read(Path.Combine(run, "log.jsonl"));
        // Every log_every-th step, plus the checkpoint steps (6, 18): 4, 6, 8, 12, 16, 18, 20, 24.
        Assert.Equal(new long[] { 4, 6, 8, 12, 16, 18, 20, 24 }, lines.Select(l => (long)l["step"]!));
        foreach (var line in lines)
        {
            Assert.Equal(new[] { "G", "D_real", "D_fake" }, line["losses"]!.AsObject().Select(kv => kv.Key));
            Assert.All(line["losses"]!.AsObject(), kv => Assert.True(double.IsFinite((double)kv.Value!)));
            Assert.True((double)line["images_per_s"]! > 0);
            Assert.Equal(new[] { "G", "D" }, line["lr"]!.AsObject().Select(kv => kv.Key));
            Assert.NotNull(line["controller"]);
            Assert.True((double)line["wall_s"]! > 0);
        }
        Assert.Equal("checkpoints/step-000006.safetensors", (string?)lines[1]["checkpoint"]);
        Assert.Null(lines[0]["checkpoint"]);
        // pix2pix's linear decay: the second half of the run has a smaller rate than the first.
        Assert.True((double)lines[^1]["lr"]!["G"]! < (double)lines[0]["lr"]!["G"]!);

        var checkpoints = Directory.GetFiles(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(new[] { "step-000018.safetensors", "step-000024.safetensors" }, checkpoints);
        Assert.Equal(24, Checkpoint.ReadInfo(Path.Combine(run, "checkpoints", "step-000024.safetensors")).Step);

        var samples = Directory.GetFiles(Path.Combine(run, "samples")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(new[] { "step-000012.png", "step-000024.png" }, samples);
        using var png = Dino.Repro.Vision.ImageIO.Read(Path.Combine(run, "samples", "step-000024.png"));
        Assert.Equal(new long[] { 4 * 17 + 1, 4 * 17 + 1, 3 }, png.shape); // 16 images of 16×16, 4×4 with 1-pixel borders

        var metrics = JsonlLog.Read(Path.Combine(run, "metrics.jsonl"));
        Assert.Equal(new long[] { 12, 24 }, metrics.Select(m => (long)m["step"]!));
        Assert.NotNull(metrics[0]["metrics"]!["lit_fraction_gap"]);
    }

    [Fact]
    public void Run_folders_are_numbered_one_past_the_highest()
    {
        using var temp = new Fixtures.TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Root, "00007-something-cpu"));
        Directory.CreateDirectory(Path.Combine(temp.Root, "notes"));
        var run = RunFolder.CreateNext(temp.Root, "toy-gan", Preset.Smoke);
        Assert.Equal("00008-toy-gan-smoke", run.Name);
        Assert.Equal("00009-toy-gan-paper", RunFolder.CreateNext(temp.Root, "toy-gan", Preset.Paper).Name);
    }

    [Fact]
    public void Opening_a_folder_without_options_json_is_a_usage_error()
    {
        using var temp = new Fixtures.TempFolder();
        Assert.Contains("no options.json", Assert.Throws<UsageException>(() => RunFolder.Open(temp.Root)).Message);
        Assert.Contains("does not exist", Assert.Throws<UsageException>(() => RunFolder.Open(temp.File("nope"))).Message);
    }
}
