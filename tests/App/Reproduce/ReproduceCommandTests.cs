using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class ReproduceCommandTests
{
    private static readonly string[] Methods =
    [
        PaperTable1.GroundTruth,
        PaperTable1.Pix2Pix,
        PaperTable1.BicycleGan,
        PaperTable1.Dino,
        PaperTable1.DinoBidirectional,
    ];

    [Fact]
    public void Smoke_run_writes_a_self_contained_report_results_for_every_method_and_a_markdown_table()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        // Fewer steps than the smoke preset's 20 keep the test short; the segmenter keeps its smoke default.
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "dino-table1", "--preset", "smoke", "--out", output.Root, "--set", "steps=4");
        Assert.True(code == 0, stderr);
        Assert.Contains("training DINO", stdout); // progress lines while it works
        Assert.Contains("step 4/4", stdout);

        var folder = Path.Combine(output.Root, "dino-table1");
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data:image/png;base64,", html); // the sample grid and plot fallback are inlined
        Assert.Contains("n/a — the Inception evaluator is missing: run data-scripts/evaluators.sh", html);
        Assert.Contains("E_fake", html);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var methods = results["methods"]!.AsObject();
        Assert.Equal(Methods, methods.Select(m => m.Key));
        foreach (var (method, values) in methods)
        {
            foreach (var key in Table1Metrics.Keys)
            {
                Assert.True(values!.AsObject().ContainsKey(key), $"{method} lacks {key}");
                // 32² images hold no 64×64 CPBD block: not measured, as `dino metric cpbd` refuses them.
                var blank = key is Table1Metrics.Fid or Table1Metrics.Cpbd || (key == Table1Metrics.Psnr && method == PaperTable1.GroundTruth);
                if (blank)
                    Assert.Null(values[key]);
                else
                    Assert.True(double.IsFinite(values[key]!.GetValue<double>()), $"{method} {key}");
            }
        }
        Assert.Equal(1.0, methods[PaperTable1.GroundTruth]!["ssim"]!.GetValue<double>(), 6); // real photos against themselves
        Assert.StartsWith("n/a — the Inception evaluator is missing", results["fid"]!.GetValue<string>());

        var markdown = File.ReadAllLines(Path.Combine(folder, "table.md"));
        // Table 1 itself: the first table of the file (the semantics table follows its notes).
        var rows = markdown
            .SkipWhile(l => !l.StartsWith("| Method", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("| ---", StringComparison.Ordinal))
            .Skip(1)
            .Select(l => l.Split('|')[1].Trim())
            .ToList();
        Assert.Equal(Methods, rows);
        // Unmeasured cells stay short ("n/a", CPBD's "n/a (< 64²)"); the notes under the table say why, once.
        var header = markdown.First(l => l.StartsWith("| Method", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        var dinoRow = markdown
            .First(l => l.StartsWith($"| {PaperTable1.Dino} |", StringComparison.Ordinal))
            .Split('|')
            .Select(c => c.Trim())
            .ToList();
        Assert.Equal("n/a", dinoRow[header.IndexOf("FID (kit)")]);
        Assert.Equal("n/a (< 64²)", dinoRow[header.IndexOf("CPBD (kit)")]);
        Assert.Single(markdown, l => l.Contains("the Inception evaluator is missing", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder, TableReport.SampleGridFile)));
        Assert.True(File.Exists(Path.Combine(folder, TableReport.CurvesFile)));

        // The report links its files and every run's options and log, relative to index.html, and each link resolves
        // (the report's own links are paragraphs; the inlined plotly.js holds others).
        var links = System
            .Text.RegularExpressions.Regex.Matches(html, "<p><a href=\"([^\"]+)\"")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToList();
        foreach (var file in new[] { "results.json", "table.md", TableReport.SampleGridFile, TableReport.CurvesFile })
            Assert.Contains(file, links);
        Assert.Equal(4, links.Count(l => l.EndsWith("/options.json", StringComparison.Ordinal)));
        Assert.Equal(4, links.Count(l => l.EndsWith("/log.jsonl", StringComparison.Ordinal)));
        foreach (var link in links)
            Assert.True(File.Exists(Path.Combine(folder, link)), $"broken link {link}");
        // One loss plot per method besides DINO's Figure 2 curves.
        foreach (var method in Methods.Skip(1))
            Assert.Contains($"{method} training losses", html);
    }
}
