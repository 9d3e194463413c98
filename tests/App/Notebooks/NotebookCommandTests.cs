using Dino.Repro.App.Notebooks;
using Dino.Repro.App.Reporting;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.App.Reproduce;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Tests.App.Notebooks.TestNotebook;

namespace Dino.Repro.Tests.App.Notebooks;

public class NotebookCommandTests
{
    /// <summary>Every notebook in notebooks/, which CI runs at the smoke preset.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (
            var path in Directory.GetFiles(NotebooksFolder(), "*.ipynb").Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal)).Order()
        )
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>The embedded corpus each notebook makes under its data root at the smoke preset (00-setup only looks there).</summary>
    private static readonly Dictionary<string, string> CorpusMade = new()
    {
        ["01-dino-celebamask-hq.ipynb"] = ShapesCorpus.Name,
        ["02-dino-cityscapes.ipynb"] = ShapesStreetsCorpus.Name,
        ["03-dino-grid-video-to-speech.ipynb"] = Dino.Repro.Data.Synthetic.SpokenGrid.SpokenGridCorpus.Name,
        ["05-speech-to-face-youtubers.ipynb"] = Dino.Repro.Data.Synthetic.VoiceFaces.VoiceFacesCorpus.Name,
        ["06-sound-to-video.ipynb"] = Dino.Repro.Data.Synthetic.SoundMotion.SoundMotionCorpus.Name,
        ["07-unsupervised-acgan.ipynb"] = Dino.Repro.Data.Synthetic.TwoDomainFaces.TwoDomainFacesCorpus.Name,
    };

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_runs_at_the_smoke_preset_without_an_error_output_and_keeps_its_data_under_data_root(string name)
    {
        using var ambient = new DataRootScope(); // what DINO_DATA says; the dataRoot parameter must win over it
        using var folder = new Fixtures.TempFolder();
        var output = folder.File(name);
        var dataRoot = folder.File("data");
        var reportsRoot = folder.File("reports");
        var path = Path.Combine(NotebooksFolder(), name);
        var checkoutBefore = CheckoutFiles();
        // Notebooks that write table reports take their folder as a parameter: the test keeps them out of the checkout.
        var writesReports = File.ReadAllText(path).Contains("string reportsRoot", StringComparison.Ordinal);
        string[] reportsParam = writesReports ? ["--param", $"reportsRoot={reportsRoot}"] : [];
        var (code, _, stderr) = CliRunner.Run([
            "notebook",
            "run",
            path,
            "--output",
            output,
            "--param",
            "preset=smoke",
            "--param",
            $"dataRoot={dataRoot}",
            .. reportsParam,
        ]);
        Assert.True(code == 0, stderr);
        if (writesReports)
            Assert.NotEmpty(Directory.EnumerateFiles(reportsRoot, "index.html", SearchOption.AllDirectories));
        var executed = NotebookDocument.Load(output);
        Assert.DoesNotContain(executed.Cells.SelectMany(c => c!["outputs"]?.AsArray() ?? new()), o => OutputType(o) == "error");
        Assert.Empty(Directory.EnumerateFileSystemEntries(ambient.Path));
        if (CorpusMade.TryGetValue(name, out var corpus))
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(dataRoot, corpus), "*", SearchOption.AllDirectories));
        Assert.Equal(checkoutBefore, CheckoutFiles()); // nothing written into the kit's folder (reports, data, runs)
    }

    [Fact]
    public void Setup_notebook_runs_end_to_end_with_five_steps_and_shows_a_tensor_a_plot_and_a_table()
    {
        using var ambient = new DataRootScope();
        using var folder = new Fixtures.TempFolder();
        var output = folder.File("00-setup.executed.ipynb");
        var dataRoot = folder.File("data");
        Directory.CreateDirectory(Path.Combine(dataRoot, "grid", "raw")); // where data-scripts/grid.sh unpacks GRID
        var (code, stdout, stderr) = CliRunner.Run(
            "notebook",
            "run",
            Path.Combine(NotebooksFolder(), "00-setup.ipynb"),
            "--output",
            output,
            "--param",
            "steps=5",
            "--param",
            $"dataRoot={dataRoot}"
        );
        Assert.True(code == 0, stderr);
        Assert.Contains("after 5 steps", stdout); // the cells' text is echoed, and the injected value was used
        Assert.Contains($"data root {dataRoot}, real corpora: grid", stdout);
        var outputs = NotebookDocument.Load(output).Cells.SelectMany(c => c!["outputs"]?.AsArray() ?? new()).ToList();
        // The kernel shows a tensor as TorchSharp prints it.
        var shown = outputs.Select(o => o!["data"]?["text/html"] is { } h ? Text(h) : "").ToList();
        Assert.Contains(shown, h => h.Contains("[3x4], type = Float32", StringComparison.Ordinal));
        var html = outputs.Where(o => OutputType(o) == "display_data").Select(o => Text(o!["data"]!["text/html"])).ToList();
        Assert.Contains(html, h =>
            h.Contains("dino-plot-data", StringComparison.Ordinal)
            && (h.Contains("Plotly.newPlot", StringComparison.Ordinal) || h.Contains(PlotlyHtml.FallbackNote, StringComparison.Ordinal))
        );
        Assert.Contains(html, h =>
            h.Contains("<caption>Setup summary</caption>", StringComparison.Ordinal)
            && h.Contains("<td>tiny MLP, last loss</td>", StringComparison.Ordinal)
        );
        Assert.Contains(html, h => h.Contains($"<td>{dataRoot}</td>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_cell_exits_1_naming_cell_and_line_and_usage_errors_exit_2()
    {
        using var nb = new TestNotebook().Markdown("m").Code("var ok = 1;").Code("var a = 1;\nthrow new InvalidOperationException(\"no data\");");
        nb.Save();
        var (code, _, stderr) = CliRunner.Run("notebook", "run", nb.InputPath, "-o", nb.OutputPath);
        Assert.Equal(1, code);
        Assert.Contains("cell 3: InvalidOperationException: no data", stderr);
        Assert.True(File.Exists(nb.OutputPath));

        (code, _, stderr) = CliRunner.Run("notebook", "run", "/nonexistent/x.ipynb");
        Assert.Equal(2, code);
        Assert.Contains("no such notebook", stderr);
        (code, _, stderr) = CliRunner.Run("notebook", "run", nb.InputPath, "--param", "steps=5");
        Assert.Equal(2, code);
        Assert.Contains("no cell tagged \"parameters\"", stderr);
        (code, _, _) = CliRunner.Run("notebook", "run");
        Assert.Equal(2, code);
    }

    private static string NotebooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "notebooks");
            if (File.Exists(Path.Combine(candidate, "00-setup.ipynb")))
                return candidate;
        }
        throw new DirectoryNotFoundException("notebooks/ not found above " + AppContext.BaseDirectory);
    }

    // Every file of the checkout outside build outputs, with its size and time: what a notebook run must leave alone.
    private static List<string> CheckoutFiles()
    {
        var root = Path.GetDirectoryName(NotebooksFolder())!;
        string[] skipped = ["bin", "obj", ".git", ".cache"];
        return Directory
            .EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part)))
            .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
