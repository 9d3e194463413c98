using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Cli;

public class MetricCommandTests
{
    [Fact]
    public void Scores_a_pair_of_files_as_one_json_object()
    {
        var (code, stdout, _) = CliRunner.Run("metric", "wer", "--ref", TestData.PathOf("wer/ref.txt"), "--deg", TestData.PathOf("wer/hyp.txt"));
        Assert.Equal(0, code);
        var result = JsonNode.Parse(stdout.Trim())!.AsObject();
        Assert.Equal("wer", result["metric"]!.GetValue<string>());
        Assert.Equal(TestData.Case("wer/corpus")["wer"]!.GetValue<double>(), result["value"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Scores_paired_folders_and_summarises_with_the_mean()
    {
        var dir = Directory.CreateTempSubdirectory("dino-metric-");
        try
        {
            var refs = Directory.CreateDirectory(Path.Combine(dir.FullName, "ref")).FullName;
            var hyps = Directory.CreateDirectory(Path.Combine(dir.FullName, "hyp")).FullName;
            File.WriteAllText(Path.Combine(refs, "a.txt"), "bin blue at f two now");
            File.WriteAllText(Path.Combine(hyps, "a.txt"), "bin blue at f two now");
            File.WriteAllText(Path.Combine(refs, "b.txt"), "lay red by g nine soon");
            File.WriteAllText(Path.Combine(hyps, "b.txt"), "lay red by d nine soon");
            var log = Path.Combine(dir.FullName, "log");
            var (code, stdout, _) = CliRunner.Run("metric", "wer", "--ref-dir", refs, "--deg-dir", hyps, "--log", log);
            Assert.Equal(0, code);
            var lines = stdout.Trim().Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal((0 + 1.0 / 6) / 2, lines[2]["value"]!.GetValue<double>(), 12);
            Assert.Equal(2, lines[2]["pairs"]!.GetValue<int>());
            Assert.Equal(3, File.ReadAllLines(Path.Combine(log, "metric-wer.jsonl")).Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Usage_errors_exit_2_and_bad_input_exits_1_with_a_message()
    {
        var (code, _, stderr) = CliRunner.Run("metric", "no-such-metric");
        Assert.Equal(2, code);
        Assert.Contains("available:", stderr);
        (code, _, stderr) = CliRunner.Run("metric", "fid", "--ref", "/nonexistent/a.npy", "--deg", TestData.PathOf("fid/features_b.npy"));
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/a.npy", stderr);
        (code, _, stderr) = CliRunner.Run("metric", "wer", "--ref", TestData.PathOf("wer/ref.txt"));
        Assert.Equal(2, code);
        Assert.Contains("--deg", stderr);
    }

    [Fact]
    public void An_unwritable_log_folder_is_a_usage_error_naming_log_before_anything_is_scored()
    {
        var (code, stdout, stderr) = CliRunner.Run(
            "metric",
            "wer",
            "--ref",
            TestData.PathOf("wer/ref.txt"),
            "--deg",
            TestData.PathOf("wer/hyp.txt"),
            "--log",
            "/proc/nope"
        );
        Assert.Equal(2, code);
        Assert.StartsWith("dino metric: --log /proc/nope: ", stderr);
        Assert.Equal("", stdout); // no score printed and then lost
    }

    [Fact]
    public async Task A_truncated_png_is_reported_in_the_kits_words_only_without_libpngs_own_line()
    {
        using var temp = new Fixtures.TempFolder();
        var whole = temp.File("whole.png");
        Dino.Repro.Vision.ImageIO.Write(whole, torch.zeros([8, 8, 3], ScalarType.Byte));
        var cut = temp.File("cut.png");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..^20]);
        // A child process: libpng writes to the process's stderr, past what Console redirection catches.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "dino.dll"), "metric", "psnr", "--ref", whole, "--deg", cut })
            start.ArgumentList.Add(a);
        using var child = System.Diagnostics.Process.Start(start)!;
        var stderrRead = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var stderr = await stderrRead;
        Assert.Equal(1, child.ExitCode);
        Assert.Contains($"image '{cut}' is a truncated PNG", stderr);
        Assert.DoesNotContain("libpng", stderr);
    }
}

public class ImageMetricCommandTests
{
    [Fact]
    public void Image_metrics_read_files_and_give_the_reference_numbers()
    {
        var expected = TestData.Case("images/coffee_blur2");
        var (code, stdout, _) = CliRunner.Run(
            "metric",
            "ssim",
            "--ref",
            TestData.PathOf("images/coffee.png"),
            "--deg",
            TestData.PathOf("images/coffee_blur2.png"),
            "--set",
            "color=gray"
        );
        Assert.Equal(0, code);
        Assert.Equal(expected["ssim_gray"]!.GetValue<double>(), JsonNode.Parse(stdout)!["value"]!.GetValue<double>(), 7);

        var seg = TestData.Case("segmentation/blocks");
        (code, stdout, _) = CliRunner.Run(
            "metric",
            "miou",
            "--ref",
            TestData.PathOf("segmentation/blocks_gt.png"),
            "--deg",
            TestData.PathOf("segmentation/blocks_pred.png")
        );
        Assert.Equal(0, code);
        Assert.Equal(seg["miou"]!.GetValue<double>(), JsonNode.Parse(stdout)!["value"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Images_of_different_sizes_are_an_error_naming_both_shapes()
    {
        var (code, _, stderr) = CliRunner.Run(
            "metric",
            "psnr",
            "--ref",
            TestData.PathOf("images/coffee.png"),
            "--deg",
            TestData.PathOf("images/astronaut.png")
        );
        Assert.Equal(1, code);
        Assert.Contains("shapes differ", stderr);
    }

    [Fact]
    public void Identical_images_print_psnr_infinity_and_ssim_one()
    {
        var image = TestData.PathOf("images/coffee.png");
        var (code, stdout, stderr) = CliRunner.Run("metric", "psnr", "--ref", image, "--deg", image);
        Assert.True(code == 0, stderr);
        // ∞ is written as the named literal, which System.Text.Json reads back when allowed to.
        var value = JsonNode.Parse(stdout)!["value"].Deserialize<double>(MetricLog.JsonOptions);
        Assert.True(double.IsPositiveInfinity(value), stdout);
        (code, stdout, stderr) = CliRunner.Run("metric", "ssim", "--ref", image, "--deg", image);
        Assert.True(code == 0, stderr);
        Assert.Equal(1.0, JsonNode.Parse(stdout)!["value"]!.GetValue<double>(), 12);
    }
}
