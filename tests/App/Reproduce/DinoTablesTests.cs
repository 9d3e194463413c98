using System.Text.Json.Nodes;
using Dino.Repro.App;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.App.Reproduce;

public class DinoTablesTests
{
    private static DinoOptions Resolved(TableMethod method) =>
        (DinoOptions)BuiltInExperiments.Registry.Get(method.Experiment).Resolve(Preset.Smoke, method.Options);

    [Fact]
    public void Table_4_trains_dino_with_l1_without_it_and_without_it_or_adaptive_balance_at_k_1()
    {
        var table = (DinoTable4)TableRegistry.Default.Get(DinoTable4.TableName);
        var rows = table.Methods.ToDictionary(m => m.Method, Resolved);
        Assert.Equal([PaperTable4.WithL1, PaperTable4.WithoutL1, PaperTable4.WithoutL1FixedMargin], table.Methods.Select(m => m.Method));
        Assert.All(table.Methods, m => Assert.Equal(DinoExperiment.Name, m.Experiment));

        Assert.Equal(
            (1.0, true, 0.0),
            (rows[PaperTable4.WithL1].ReconstructionWeight, rows[PaperTable4.WithL1].AdaptiveBalance, rows[PaperTable4.WithL1].InitialK)
        );
        Assert.Equal(
            (0.0, true, 0.0),
            (rows[PaperTable4.WithoutL1].ReconstructionWeight, rows[PaperTable4.WithoutL1].AdaptiveBalance, rows[PaperTable4.WithoutL1].InitialK)
        );
        var fixedMargin = rows[PaperTable4.WithoutL1FixedMargin];
        Assert.Equal(
            (0.0, false, 1.0, 0.2),
            (fixedMargin.ReconstructionWeight, fixedMargin.AdaptiveBalance, fixedMargin.InitialK, fixedMargin.Margin)
        );
        // The paper's numbers, as printed in its appendix A.3.
        Assert.Equal([10.25, 0.31, 0.31, 89.5, 93.3, 58.8], table.PaperRows[PaperTable4.WithoutL1FixedMargin]);
    }

    [Fact]
    public void Table_4_after_table_1_in_the_same_folder_reuses_table_1s_dino_run_instead_of_training_it_again()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        string[] Args(string table) => ["reproduce", table, "--preset", "smoke", "--out", output.Root, "--set", "steps=2", "--segmenter-steps", "10"];
        var (code, _, stderr) = CliRunner.Run(Args(DinoTable1.TableName));
        Assert.True(code == 0, stderr);
        string stdout;
        (code, stdout, stderr) = CliRunner.Run(Args(DinoTable4.TableName));
        Assert.True(code == 0, stderr);

        JsonNode Results(string table) => JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, table, "results.json")))!;
        var table1 = Results(DinoTable1.TableName);
        var table4 = Results(DinoTable4.TableName);
        var dinoRun = table1["runs"]![PaperTable1.Dino]!.GetValue<string>();
        Assert.Equal(dinoRun, table4["runs"]![PaperTable4.WithL1]!.GetValue<string>());
        Assert.Contains($"continuing {dinoRun}", stdout);
        // Its ablations are Table 4's own runs, and nothing of DINO's was trained again in Table 4's folder.
        Assert.StartsWith(Path.Combine(output.Root, DinoTable4.TableName, "runs"), table4["runs"]![PaperTable4.WithoutL1]!.GetValue<string>());
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(output.Root, DinoTable4.TableName, "runs")).Length);
        // The same checkpoint scored on the same test split gives the same numbers.
        Assert.Equal(table1["methods"]![PaperTable1.Dino]!.ToJsonString(), table4["methods"]![PaperTable4.WithL1]!.ToJsonString());
    }

    [Fact]
    public void With_reference_test_mode_the_baselines_get_a_test_py_row_from_the_same_run_beside_their_eval_mode_row()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run([
            "reproduce",
            DinoTable1.TableName,
            "--preset",
            "smoke",
            "--out",
            output.Root,
            "--set",
            "steps=3",
            "--reference-test-mode",
        ]);
        Assert.True(code == 0, stderr);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, DinoTable1.TableName, "results.json")))!;
        var methods = results["methods"]!.AsObject().Select(m => m.Key).ToList();
        foreach (var baseline in new[] { PaperTable1.Pix2Pix, PaperTable1.BicycleGan })
        {
            var testPy = ImageToImageTable.ReferenceTestModeRow(baseline);
            Assert.Equal(methods.IndexOf(baseline) + 1, methods.IndexOf(testPy)); // right after its eval-mode row
            Assert.Null(results["runs"]![testPy]); // no second training: the same run
        }
        // pix2pix's batch norm normalises each image by its own statistics in test.py's mode, so its scores move; BicycleGAN's
        // generator (instance norm, no dropout at 32²) computes the same in both modes.
        string Scores(string row) => results["methods"]![row]!.ToJsonString();
        Assert.NotEqual(Scores(PaperTable1.Pix2Pix), Scores(ImageToImageTable.ReferenceTestModeRow(PaperTable1.Pix2Pix)));
        Assert.Equal(Scores(PaperTable1.BicycleGan), Scores(ImageToImageTable.ReferenceTestModeRow(PaperTable1.BicycleGan)));
        Assert.DoesNotContain(methods, m => m.StartsWith(PaperTable1.Dino + " (test.py)", StringComparison.Ordinal));
        Assert.Contains(results["notes"]!.AsArray(), n => n!.GetValue<string>().StartsWith("Rows marked (test.py)", StringComparison.Ordinal));
    }

    [Fact]
    public void With_seeds_each_row_is_the_mean_and_sample_sd_of_its_single_seed_runs_and_every_dino_row_has_its_k_curve()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        string[] Args(params string[] more) =>
            ["reproduce", DinoTable4.TableName, "--preset", "smoke", "--out", output.Root, "--set", "steps=3", "--segmenter-steps", "10", .. more];
        JsonNode Results() => JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, DinoTable4.TableName, "results.json")))!;

        var (code, stdout, stderr) = CliRunner.Run(Args("--seeds", "2"));
        Assert.True(code == 0, stderr);
        var both = Results();
        var markdown = File.ReadAllText(Path.Combine(output.Root, DinoTable4.TableName, "table.md"));
        // Each seed alone, into the same folder: the same runs are continued (not retrained) and scored again.
        (code, stdout, stderr) = CliRunner.Run(Args("--set", "seed=2"));
        Assert.True(code == 0, stderr);
        Assert.Contains("continuing", stdout);
        var second = Results();
        (code, _, stderr) = CliRunner.Run(Args());
        Assert.True(code == 0, stderr);
        var first = Results();

        Assert.Equal([1, 2], both["seeds"]!["seeds"]!.AsArray().Select(s => s!.GetValue<long>()));
        Assert.Null(first["seeds"]);
        foreach (var row in new[] { PaperTable4.WithL1, PaperTable4.WithoutL1 })
        {
            var a = first["methods"]![row]![Table1Metrics.Ssim]!.GetValue<double>();
            var b = second["methods"]![row]![Table1Metrics.Ssim]!.GetValue<double>();
            var cell = both["seeds"]!["methods"]![row]![Table1Metrics.Ssim]!;
            // Two values: mean (a + b)/2, sample sd |a − b|/√2.
            Assert.Equal((a + b) / 2, cell["mean"]!.GetValue<double>(), 12);
            Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), cell["sd"]!.GetValue<double>(), 12);
            Assert.Equal(2, cell["n"]!.GetValue<int>());
            Assert.Equal((a + b) / 2, both["methods"]![row]![Table1Metrics.Ssim]!.GetValue<double>(), 12);
            Assert.NotEqual(a, b); // another seed trained another network
            // Each seed's run is listed, and they are different folders.
            Assert.NotEqual(both["runs"]![$"{row} (seed 1)"]!.GetValue<string>(), both["runs"]![$"{row} (seed 2)"]!.GetValue<string>());
        }
        Assert.Contains(" ± ", markdown);
        Assert.Contains("trained with 2 seeds", markdown);
        // k of every DINO row, with what the fake term did, in the report.
        Assert.True(File.Exists(Path.Combine(output.Root, DinoTable4.TableName, TableReport.BalanceCurvesFile)));
        var notes = both["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        foreach (var row in new[] { PaperTable4.WithL1, PaperTable4.WithoutL1, PaperTable4.WithoutL1FixedMargin })
            Assert.Contains(notes, n => n.StartsWith($"{row} k: ", StringComparison.Ordinal));

        // Behind mIoU: per-class IoU whose mean over the classes present is the row's mIoU, by object size, and under the
        // blur-robust segmenter.
        var semantics = first["semantics"]!;
        Assert.Equal(["background", "stripe", "box", "disc", "triangle"], semantics["class_names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("Semantics behind mIoU", markdown);
        foreach (var (row, values) in semantics["methods"]!.AsObject())
        {
            var classIou = Enumerable.Range(0, 5).Select(c => values![SemanticBreakdown.ClassIou(c)]?.GetValue<double>()).OfType<double>().ToList();
            Assert.Equal(first["methods"]![row]![Table1Metrics.MeanIou]!.GetValue<double>(), classIou.Average(), 12);
            Assert.InRange(values![SemanticBreakdown.BlurRobustMeanIou]!.GetValue<double>(), 0, 1);
        }
    }

    [Theory]
    [InlineData("0.000001", true)] // E_fake never below m: the hinge is 0, k never acts, the last two rows are one computation
    [InlineData("1000", false)] // the hinge always acts: adaptive k and k = 1 train differently
    public void Table_4_says_why_its_last_two_rows_are_equal_when_the_hinge_never_acted(string margin, bool equal)
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run([
            "reproduce",
            DinoTable4.TableName,
            "--preset",
            "smoke",
            "--out",
            output.Root,
            "--set",
            "steps=3",
            "--set",
            $"margin={margin}",
        ]);
        Assert.True(code == 0, stderr);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, DinoTable4.TableName, "results.json")))!;
        var methods = results["methods"]!;
        Assert.Equal(equal, methods[PaperTable4.WithoutL1]!.ToJsonString() == methods[PaperTable4.WithoutL1FixedMargin]!.ToJsonString());
        var notes = results["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(
            equal,
            notes.Any(n => n.StartsWith("The last two rows are equal to every digit because the runs were", StringComparison.Ordinal))
        );
    }

    [Fact]
    public void Table_2_trains_table_1s_methods_and_prints_the_papers_rows_without_fid()
    {
        var table2 = (DinoTable2)TableRegistry.Default.Get(DinoTable2.TableName);
        Assert.Equal(new DinoTable1().Methods.Select(m => (m.Method, m.Experiment)), table2.Methods.Select(m => (m.Method, m.Experiment)));
        Assert.Equal([Preset.Smoke, Preset.Cpu, Preset.Paper], table2.Presets);
        Assert.All(PaperTable2.Rows.Values, row => Assert.Null(row[3])); // the paper's Table 2 has no FID column
    }

    [Fact]
    public void Table_2_at_smoke_scores_every_method_on_the_cityscapes_layout_with_a_segmenter_trained_on_it()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run(
            "reproduce",
            "dino-table2",
            "--preset",
            "smoke",
            "--out",
            output.Root,
            "--set",
            "steps=2",
            "--segmenter-steps",
            "20"
        );
        Assert.True(code == 0, stderr);
        Assert.Contains("shapes-streets corpus", stdout);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, "dino-table2", "results.json")))!;
        Assert.Equal("shapes-streets", results["corpus"]!["name"]!.GetValue<string>());
        Assert.Equal(
            [PaperTable1.GroundTruth, PaperTable1.Pix2Pix, PaperTable1.BicycleGan, PaperTable1.Dino, PaperTable1.DinoBidirectional],
            results["methods"]!.AsObject().Select(m => m.Key)
        );
        foreach (var (method, values) in results["methods"]!.AsObject())
        {
            var accuracy = values![Table1Metrics.PixelAccuracy]!.GetValue<double>();
            Assert.InRange(accuracy, 0, 1);
            Assert.InRange(values[Table1Metrics.MeanIou]!.GetValue<double>(), 0, 1);
        }
        Assert.Equal(1.0, results["methods"]![PaperTable1.GroundTruth]![Table1Metrics.Ssim]!.GetValue<double>(), 6);
        Assert.True(results["paper"]!.AsObject().ContainsKey(PaperTable2.Spade));
        // The segmenter was trained on the Cityscapes-layout corpus under the data root.
        Assert.StartsWith(Path.Combine(data.Path, "shapes-streets"), results["segmenter"]!["cache_file"]!.GetValue<string>());
    }

    [Fact]
    public void Table_2_at_paper_without_cityscapes_fails_naming_where_it_looked()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", "dino-table2", "--preset", "paper", "--out", output.Root);
        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(data.Path, "cityscapes"), stderr);
        Assert.Contains("data-scripts/cityscapes.sh", stderr);
    }
}
