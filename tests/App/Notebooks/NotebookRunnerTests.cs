using System.Text.Json.Nodes;
using Dino.Repro.App.Notebooks;
using static Dino.Repro.Tests.App.Notebooks.TestNotebook;

namespace Dino.Repro.Tests.App.Notebooks;

/// <summary>
/// The runner drives the real .NET Interactive kernel (dotnet-repl); each test is one kernel run (about 10 s), so each
/// checks several things one notebook shows.
/// </summary>
public class NotebookRunnerTests
{
    [Fact]
    public void Cells_share_state_in_the_notebooks_folder_with_this_kit_and_kit_values_display_as_html_and_images()
    {
        using var nb = new TestNotebook()
            .Kit()
            .Markdown("# Title\n\nSome *text*.")
            .Code("var n = 20;\nConsole.WriteLine(\"first\");")
            .Code("Console.WriteLine(n + 1);\ndisplay(new Table(\"scores\", \"method\", \"FID\").AddRow(\"pix2pix\", 45.2));")
            .Code("display(Media.Png(new RgbCanvas(2, 2, Rgb.White).ToPng()));")
            .Code("File.WriteAllText(\"here.txt\", \"x\");\ntypeof(Dino.Repro.Torch.TensorData).Assembly.Location")
            .Code("ones(2, 2).sum().ToSingle() * 10");
        var run = nb.Run();

        var input = NotebookDocument.Load(nb.InputPath);
        Assert.True(JsonNode.DeepEquals(input.Cells[1], run.Cells[1])); // markdown passes through
        Assert.Equal("first\n", Stream(Cell(run, 3)));
        var cell4 = Outputs(Cell(run, 4));
        Assert.Contains("21", Stream(Cell(run, 4)));
        var table = Text(cell4.Single(o => OutputType(o) == "display_data")!["data"]!["text/html"]);
        Assert.Contains("<caption>scores</caption>", table); // the kit's own HTML, through its formatter source
        Assert.Contains("<td>pix2pix</td>", table);
        var image = Text(Outputs(Cell(run, 5)).Single()!["data"]!["text/html"]);
        Assert.Contains("src=\"data:image/png;base64,", image);
        // Relative paths resolve from the notebook's folder; the #r line loaded the kit this test runs.
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(nb.InputPath)!, "here.txt")));
        var kit = Path.Combine(AppContext.BaseDirectory, "dino.dll");
        Assert.Equal(kit, Text(Outputs(Cell(run, 6)).Single()!["data"]!["text/plain"]));
        Assert.Contains("<pre>40</pre>", Text(Outputs(Cell(run, 7)).Single()!["data"]!["text/html"])); // the kernel's own formatting
        Assert.Contains($"#r \"{kit}\"", NotebookDocument.Source(Cell(run, 1)));
    }

    [Fact]
    public void The_first_failing_cell_is_reported_with_its_error_after_the_kernel_ran_the_rest_into_the_written_notebook()
    {
        using var nb = new TestNotebook()
            .Kit()
            .Markdown("intro")
            .Code("var zero = 0;")
            .Code("Console.WriteLine(\"partial\");\nvar boom = 1 / zero;")
            .Code("var x = 1;\nvar y = undefinedName + 1;")
            .Code("Console.WriteLine(\"still ran\");");
        var e = Assert.Throws<NotebookCellException>(() => nb.Run());
        Assert.Equal("cell 4: DivideByZeroException: Attempted to divide by zero.", e.Message);
        Assert.Equal((4, (int?)null), (e.CellNumber, e.Line));
        Assert.Equal(nb.OutputPath, e.OutputPath);

        var written = NotebookDocument.Load(nb.OutputPath);
        Assert.Equal("partial\n", Stream(Cell(written, 4)));
        Assert.Contains(Outputs(Cell(written, 4)), o => OutputType(o) == "error");
        Assert.Equal("still ran\n", Stream(Cell(written, 6))); // the kernel goes on; the report names the first failure

        using var compile = new TestNotebook().Kit().Code("var fine = 1;").Code("var x = 1;\nvar y = undefinedName + 1;");
        var c = Assert.Throws<NotebookCellException>(() => compile.Run());
        Assert.StartsWith("cell 3, line 2: error CS0103: ", c.Message);
        Assert.Contains("undefinedName", c.Message);
        Assert.Contains("var y = undefinedName + 1;", c.Message);
    }

    [Fact]
    public void Typed_parameters_are_injected_after_the_parameters_cell_and_kit_progress_is_echoed_as_the_cell_runs()
    {
        using var nb = new TestNotebook()
            .Kit()
            .Code(
                "var preset = \"smoke\";\nvar steps = 20;\nvar rate = 0.5;\nvar verbose = false;\nstring root = \"data\";",
                NotebookParameters.ParametersTag
            )
            .Code("Console.WriteLine($\"{preset} {steps + 1} {rate * 2} {verbose} {root}\");")
            .Code(
                """
                var progress = ProgressSinks.ForConsole(TimeSpan.Zero);
                progress.Begin("tiny", 0, 2);
                progress.Message("halfway there");
                progress.End();
                """
            );
        var echo = new StringWriter();
        var run = nb.Run(echo, ("preset", "cpu"), ("steps", "5"), ("rate", "1e-3"), ("verbose", "true"), ("root", "a \"quoted\" path"));
        Assert.Equal(5, run.Cells.Count);
        var injected = Cell(run, 3);
        Assert.True(NotebookDocument.HasTag(injected, NotebookParameters.InjectedTag));
        Assert.Contains("steps = 5;", NotebookDocument.Source(injected));
        Assert.Equal("cpu 6 0.002 True a \"quoted\" path\n", Stream(Cell(run, 4)));
        Assert.Contains("tiny: 2 steps", echo.ToString());
        Assert.Contains("halfway there", echo.ToString());
    }

    [Fact]
    public void Unknown_parameters_and_values_of_the_wrong_type_are_rejected_before_any_cell_runs()
    {
        using var nb = new TestNotebook().Code("var steps = 20;", NotebookParameters.ParametersTag).Code("File.WriteAllText(\"ran.txt\", \"\");");
        var unknown = Assert.Throws<NotebookParameterException>(() => nb.Run(("step", "5")));
        Assert.Contains("no parameter 'step'", unknown.Message);
        Assert.Contains("steps (int)", unknown.Message);
        var wrongType = Assert.Throws<NotebookParameterException>(() => nb.Run(("steps", "five")));
        Assert.Contains("steps is int", wrongType.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(nb.InputPath)!, "ran.txt")));
    }

    [Fact]
    public void A_kernel_that_is_not_installed_is_an_error_saying_how_to_install_it()
    {
        using var empty = new Dino.Repro.Tests.Support.Fixtures.TempFolder();
        var before = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        System.Environment.SetEnvironmentVariable("NUGET_PACKAGES", empty.Root); // a package folder without dotnet-repl
        try
        {
            using var nb = new TestNotebook().Code("var a = 1;");
            var e = Assert.Throws<NotebookKernelException>(() => nb.Run());
            Assert.Contains("the notebook kernel (dotnet-repl 0.3.259) is not installed: run `dotnet tool restore`", e.Message);
            Assert.False(File.Exists(nb.OutputPath));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("NUGET_PACKAGES", before);
        }
    }
}
