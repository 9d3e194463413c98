using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.FaceTranslation;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class AcGanTranslationTableTests
{
    [Fact]
    public void Smoke_run_trains_the_gan_and_both_encoders_scores_every_row_and_a_rerun_reuses_the_runs()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "acgan-translation", "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr);
        Assert.Contains("step 20/20", stdout);

        var folder = Path.Combine(output.Root, "acgan-translation");
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var methods = results["methods"]!.AsObject();
        Assert.Equal(
            [
                AcGanTranslationTable.Unchanged,
                AcGanTranslationTable.RealPairs,
                AcGanTranslationTable.NothingKept,
                AcGanTranslationTable.LatentEncoder,
                AcGanTranslationTable.PixelEncoder,
            ],
            methods.Select(m => m.Key)
        );
        // The corpus' own translation is read as the other domain, the unchanged input as its own: the judge can tell.
        var realRate = methods[AcGanTranslationTable.RealPairs]![FaceTranslationMetrics.TargetRate]!.GetValue<double>();
        var unchangedRate = methods[AcGanTranslationTable.Unchanged]![FaceTranslationMetrics.TargetRate]!.GetValue<double>();
        Assert.True(realRate > unchangedRate, $"real pairs {realRate}, unchanged {unchangedRate}");
        foreach (var encoder in new[] { AcGanTranslationTable.LatentEncoder, AcGanTranslationTable.PixelEncoder })
        {
            foreach (var key in FaceTranslationMetrics.Keys.Where(k => k != FaceTranslationMetrics.FidInception))
                Assert.True(double.IsFinite(methods[encoder]![key]!.GetValue<double>()), $"{encoder} {key}");
            Assert.Null(methods[encoder]![FaceTranslationMetrics.FidInception]); // no Inception file here, and the report says so
        }
        Assert.StartsWith("missing: ", results["inception"]!.GetValue<string>());
        Assert.Contains("FID (Inception) is not measured", File.ReadAllText(Path.Combine(folder, "table.md")));
        Assert.Equal(4, results["verdict"]!.AsArray().Count);
        Assert.Equal(2, results["speed"]!.AsObject().Count);
        Assert.True(results["speed"]![AcGanTranslationTable.LatentEncoder]!["curve"]!.AsArray().Count >= 2);
        foreach (var file in new[] { "index.html", "table.md", "samples.png", "reconstruction.png" })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        Assert.Contains("Claim 2", File.ReadAllText(Path.Combine(folder, "table.md")));

        var runs = Directory.GetDirectories(Path.Combine(folder, "runs"));
        Assert.Equal(3, runs.Length);
        var (again, rerun, rerunError) = CliRunner.Run("reproduce", "acgan-translation", "--preset", "smoke", "--out", output.Root);
        Assert.True(again == 0, rerunError);
        Assert.Equal(3, rerun.Split("continuing").Length - 1);
        Assert.Equal(runs, Directory.GetDirectories(Path.Combine(folder, "runs")));
    }

    [Fact]
    public void The_estimate_times_the_gan_and_both_encoders_and_trains_nothing()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "acgan-translation", "--preset", "smoke", "--estimate", "--out", output.Root);
        Assert.True(code == 0, stderr);
        foreach (var row in new[] { "| AC-GAN | acgan |", $"| {AcGanTranslationTable.LatentEncoder} |", $"| {AcGanTranslationTable.PixelEncoder} |" })
            Assert.Contains(row, stdout);
        Assert.False(Directory.Exists(Path.Combine(output.Root, "acgan-translation")));
    }

    [Theory]
    [InlineData("--seeds", "2")]
    [InlineData("--set", "loss=pixel")]
    [InlineData("--set", "no_such_option=1")]
    [InlineData("--set", "evaluate_every=0")]
    [InlineData("--set", "evaluate_every=7")]
    public void Requests_it_cannot_honour_are_refused_before_anything_trains(string option, string value)
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", "acgan-translation", "--out", output.Root, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("dino reproduce:", stderr);
        Assert.False(Directory.Exists(Path.Combine(output.Root, "acgan-translation", "runs")));
    }
}
