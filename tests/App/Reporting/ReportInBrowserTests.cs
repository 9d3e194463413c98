using Dino.Repro.Tests.Support;
using Microsoft.Playwright;

namespace Dino.Repro.Tests.App.Reporting;

/// <summary>Table 1 reproduced once at the smoke preset as a first-time user runs it, in a temp folder.</summary>
public sealed class SmokeTable1Report : IDisposable
{
    private readonly Fixtures.TempFolder output = new();

    public SmokeTable1Report()
    {
        using var data = new DataRootScope();
        (ExitCode, _, Stderr) = CliRunner.Run("reproduce", "dino-table1", "--preset", "smoke", "--out", output.Root);
    }

    public int ExitCode { get; }
    public string Stderr { get; }
    public string Folder => Path.Combine(output.Root, "dino-table1");

    public void Dispose() => output.Dispose();
}

/// <summary>The smoke report as a reviewer meets it: its size on disk, and the page opened from disk in headless Chromium.</summary>
public class ReportInBrowserTests(SmokeTable1Report report) : IClassFixture<SmokeTable1Report>
{
    private const long MaxCheckpointBytes = 50L << 20;

    [Fact]
    public void The_smoke_tables_checkpoints_take_at_most_50_MB()
    {
        Assert.True(report.ExitCode == 0, report.Stderr);
        var checkpoints = Directory.EnumerateFiles(report.Folder, "*.safetensors", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(checkpoints);
        var bytes = checkpoints.Sum(f => new FileInfo(f).Length);
        var largest = checkpoints.MaxBy(f => new FileInfo(f).Length)!;
        Assert.True(
            bytes <= MaxCheckpointBytes,
            $"{checkpoints.Count} checkpoints, {bytes >> 20} MB; the largest {Path.GetRelativePath(report.Folder, largest)}"
        );
    }

    [BrowserFact]
    public async Task The_report_renders_without_console_errors_with_its_table_decoded_images_and_drawn_charts()
    {
        Assert.True(report.ExitCode == 0, report.Stderr);
        var index = Path.Combine(report.Folder, "index.html");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(
            new()
            {
                ExecutablePath = BrowserFactAttribute.Chromium,
                Args = ["--no-sandbox"],
                Headless = true,
            }
        );
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(index).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(errors);
        var headers = await page.Locator("table th").AllInnerTextsAsync();
        Assert.Contains(headers, h => h.Contains("(paper)", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Contains("(kit)", StringComparison.Ordinal));
        Assert.True(await page.EvaluateAsync<int>("document.images.length") > 0, "the report shows no image");
        var undecoded = await page.EvaluateAsync<string[]>(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt || i.src.slice(0, 60))"
        );
        Assert.Empty(undecoded);
        var charts = await page.EvaluateAsync<int>("document.querySelectorAll('.dino-plot').length");
        Assert.True(charts > 0, "the report has no chart");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "plotly.min.js"))) // vendored at build time; else PNG fallbacks
        {
            var drawn = await page.EvaluateAsync<int>("document.querySelectorAll('.dino-plot .dino-plot-chart svg.main-svg').length");
            Assert.True(drawn >= charts, $"{charts} charts, {drawn} drawn by plotly.js");
        }
    }
}
