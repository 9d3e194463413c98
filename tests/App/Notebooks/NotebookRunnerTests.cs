using System.Text.Json.Nodes;
using Dino.Repro.App.Notebooks;
using static Dino.Repro.Tests.App.Notebooks.TestNotebook;

namespace Dino.Repro.Tests.App.Notebooks;

public class NotebookRunnerTests
{
    [Fact]
    public void Cells_share_state_and_each_cells_stdout_lands_in_that_cell()
    {
        using var nb = new TestNotebook()
            .Code("var n = 20;\nConsole.WriteLine(\"first\");")
            .Code("int Twice(int k) => 2 * k;\nConsole.WriteLine(n + 1);")
            .Code("Console.WriteLine(Twice(n));\nConsole.Error.WriteLine(\"warned\");");
        var run = nb.Run();
        Assert.Equal("first\n", Stream(Cell(run, 1)));
        Assert.Equal("21\n", Stream(Cell(run, 2)));
        Assert.Equal("40\n", Stream(Cell(run, 3)));
        Assert.Equal("warned\n", Stream(Cell(run, 3), "stderr"));
        Assert.Equal(new[] { 1, 2, 3 }, run.Cells.Select(c => c!["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public void Display_of_a_table_gives_html_in_order_with_the_printed_text()
    {
        using var nb = new TestNotebook().Code("""
            Console.WriteLine("before");
            display(new Table("scores", "method", "FID").AddRow("pix2pix", 45.2));
            Console.WriteLine("after");
            new Table("twice", "x").AddRow(1).Display();
            """);
        var outputs = Outputs(Cell(nb.Run(), 1));
        Assert.Equal(new[] { "stream", "display_data", "stream", "display_data" }, outputs.Select(OutputType));
        var html = Text(outputs[1]!["data"]!["text/html"]);
        Assert.Contains("<caption>scores</caption>", html);
        Assert.Contains("<td>pix2pix</td>", html);
        Assert.Contains("| pix2pix | 45.2 |", Text(outputs[1]!["data"]!["text/plain"]));
        Assert.Equal("after\n", Text(outputs[2]!["text"]));
    }

    [Fact]
    public void Png_bytes_display_as_an_image_wav_bytes_as_an_audio_player_and_mp4_bytes_as_a_video_player()
    {
        // An MP4 file begins with its ftyp box ("isom" brand): bare bytes are recognised by it, as PNG and WAV by theirs.
        const string Mp4Hex = "000000186674797069736F6D0000020069736F6D6D703431";
        using var nb = new TestNotebook().Code($$"""
            display(new RgbCanvas(2, 2, Rgb.White).ToPng());
            display(Media.Wav(Convert.FromHexString("524946462400000057415645666D74201000000001000100401F0000803E0000020010006461746100000000")));
            display(arange(3));
            display(Convert.FromHexString("{{Mp4Hex}}"));
            """);
        var outputs = Outputs(Cell(nb.Run(), 1));
        var png = Convert.FromBase64String(outputs[0]!["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(png, 1, 3));
        Assert.Contains("<audio controls src=\"data:audio/wav;base64,", Text(outputs[1]!["data"]!["text/html"]));
        Assert.Equal("tensor([0, 1, 2])", Text(outputs[2]!["data"]!["text/plain"]));
        var video = Text(outputs[3]!["data"]!["text/html"]);
        Assert.Equal($"<video controls src=\"data:video/mp4;base64,{Convert.ToBase64String(Convert.FromHexString(Mp4Hex))}\"></video>", video);
        Assert.Equal("video/mp4 (24 bytes)", Text(outputs[3]!["data"]!["text/plain"]));
    }

    [Fact]
    public void A_trailing_expression_gives_an_execute_result_and_a_statement_does_not()
    {
        using var nb = new TestNotebook()
            .Code("var t = ones(2, 2);\nt.sum().ToSingle() * 10")
            .Code("var u = 1;");
        var run = nb.Run();
        var result = Assert.Single(Outputs(Cell(run, 1)));
        Assert.Equal("execute_result", OutputType(result));
        Assert.Equal(1, result!["execution_count"]!.GetValue<int>());
        Assert.Equal("40", Text(result["data"]!["text/plain"]));
        Assert.Empty(Outputs(Cell(run, 2)));
    }

    [Fact]
    public void Markdown_cells_pass_through_unchanged()
    {
        using var nb = new TestNotebook().Markdown("# Title\n\nSome *text*.").Code("1 + 1");
        var run = nb.Run();
        var input = NotebookDocument.Load(nb.InputPath);
        Assert.True(JsonNode.DeepEquals(input.Cells[0], run.Cells[0]));
        Assert.Null(Cell(run, 1)["outputs"]);
        Assert.Equal("2", Text(Outputs(Cell(run, 2))[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void An_exception_in_cell_3_stops_the_run_naming_the_cell_and_line_and_the_written_notebook_holds_the_error()
    {
        using var nb = new TestNotebook()
            .Markdown("intro")
            .Code("var zero = 0;")
            .Code("Console.WriteLine(\"partial\");\nvar boom = 1 / zero;\nConsole.WriteLine(\"never\");")
            .Code("Console.WriteLine(\"not reached\");");
        var e = Assert.Throws<NotebookCellException>(() => nb.Run());
        Assert.StartsWith("cell 3, line 2: DivideByZeroException: ", e.Message);
        Assert.Contains("var boom = 1 / zero;", e.Message);
        Assert.Equal((3, 2), (e.CellNumber, e.Line));

        var written = NotebookDocument.Load(nb.OutputPath);
        var outputs = Outputs(Cell(written, 3));
        Assert.Equal(new[] { "stream", "error" }, outputs.Select(OutputType));
        Assert.Equal("partial\n", Text(outputs[0]!["text"]));
        Assert.Equal("System.DivideByZeroException", outputs[1]!["ename"]!.GetValue<string>());
        Assert.Equal("Attempted to divide by zero.", outputs[1]!["evalue"]!.GetValue<string>());
        Assert.StartsWith("cell 3, line 2", outputs[1]!["traceback"]![0]!.GetValue<string>());
        Assert.Empty(Outputs(Cell(written, 4)));
        Assert.Null(Cell(written, 4)["execution_count"]);
    }

    [Fact]
    public void An_exception_thrown_inside_kit_code_is_located_at_the_calling_line()
    {
        using var nb = new TestNotebook().Code("var a = ones(2, 3);\nvar b = ones(4, 5);\nvar c = a.mm(b);");
        var e = Assert.Throws<NotebookCellException>(() => nb.Run());
        Assert.Equal(3, e.Line);
        Assert.Contains("ExternalException", e.Message);  // libtorch's error, as TorchSharp raises it
        Assert.Contains("cannot be multiplied", e.Message);
    }

    [Fact]
    public void A_compile_error_names_the_cell_line_and_diagnostic()
    {
        using var nb = new TestNotebook().Code("var fine = 1;").Code("var x = 1;\nvar y = undefinedName + 1;");
        var e = Assert.Throws<NotebookCellException>(() => nb.Run());
        Assert.StartsWith("cell 2, line 2: error CS0103: ", e.Message);
        Assert.Contains("undefinedName", e.Message);
        var error = Outputs(Cell(NotebookDocument.Load(nb.OutputPath), 2)).Single();
        Assert.Equal("CompilationError", error!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_given_to_the_run_override_the_defaults_in_an_injected_cell()
    {
        using var nb = new TestNotebook()
            .Code("var preset = \"smoke\";\nvar steps = 20;\nvar rate = 0.5;\nvar verbose = false;\nstring root = \"data\";", NotebookParameters.ParametersTag)
            .Code("Console.WriteLine($\"{preset} {steps + 1} {rate * 2} {verbose} {root}\");");
        var run = nb.Run(("preset", "cpu"), ("steps", "5"), ("rate", "1e-3"), ("verbose", "true"), ("root", "a \"quoted\" path"));
        Assert.Equal(3, run.Cells.Count);
        var injected = Cell(run, 2);
        Assert.True(NotebookDocument.HasTag(injected, NotebookParameters.InjectedTag));
        Assert.Contains("steps = 5;", NotebookDocument.Source(injected));
        Assert.Equal("cpu 6 0.002 True a \"quoted\" path\n", Stream(Cell(run, 3)));

        using var defaults = new TestNotebook()
            .Code("var steps = 20;", NotebookParameters.ParametersTag)
            .Code("Console.WriteLine(steps);");
        var plain = defaults.Run();
        Assert.Equal(2, plain.Cells.Count);
        Assert.Equal("20\n", Stream(Cell(plain, 2)));
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
    public void The_kits_own_reference_line_is_accepted_and_resolves_to_the_loaded_kit()
    {
        using var nb = new TestNotebook().Code("""
            // as a Polyglot notebook loads the kit
            #r "../bin/Release/net10.0/dino.dll"
            using Dino.Repro.Torch;
            AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "dino") + " " + (typeof(TensorData).Assembly == typeof(Dino.Repro.App.Notebooks.NotebookRunner).Assembly)
            """);
        var result = Outputs(Cell(nb.Run(), 1)).Single();
        Assert.Equal("1 True", Text(result!["data"]!["text/plain"]));
    }

    [Fact]
    public void Cells_run_in_the_notebooks_folder_and_nuget_references_are_refused_with_their_line()
    {
        using var nb = new TestNotebook().Code("File.WriteAllText(\"here.txt\", \"x\");");
        nb.Run();
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(nb.InputPath)!, "here.txt")));

        using var nuget = new TestNotebook().Code("var a = 1;").Code("// packages\n#r \"nuget: Plotly.NET, 4.0.0\"");
        var e = Assert.Throws<NotebookCellException>(() => nuget.Run());
        Assert.StartsWith("cell 2, line 2: #r \"nuget: Plotly.NET, 4.0.0\": NuGet references are not supported", e.Message);
    }
}
