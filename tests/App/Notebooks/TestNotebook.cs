using System.Text.Json.Nodes;
using Dino.Repro.App.Notebooks;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Notebooks;

/// <summary>A notebook written by a test into a temporary folder, run in the notebook kernel, and read back.</summary>
internal sealed class TestNotebook : IDisposable
{
    private readonly Fixtures.TempFolder folder = new();
    private readonly List<JsonObject> cells = new();

    public string InputPath => folder.File("test.ipynb");
    public string OutputPath => folder.File("test.executed.ipynb");

    /// <summary>
    /// The cell a kit notebook starts with: its <c>#r</c> line (any path to dino.dll: the runner points it at the kit that
    /// runs it) and the usings the kernel does not add by itself.
    /// </summary>
    public TestNotebook Kit() =>
        Code(
            """
            #r "../bin/Release/net10.0/dino.dll"
            using System.IO;
            using Dino.Repro.App.Reporting;
            using Dino.Repro.Training;
            using TorchSharp;
            using static TorchSharp.torch;
            """
        );

    public TestNotebook Markdown(string source)
    {
        cells.Add(NotebookDocument.NewMarkdownCell(source));
        return this;
    }

    public TestNotebook Code(string source, params string[] tags)
    {
        cells.Add(NotebookDocument.NewCodeCell(source, tags));
        return this;
    }

    public string Save()
    {
        NotebookDocument.NewPolyglot(cells.Select(c => (JsonObject)c.DeepClone())).Save(InputPath);
        return InputPath;
    }

    /// <summary>Runs the notebook and returns the executed copy as written to disk.</summary>
    public NotebookDocument Run(params (string name, string value)[] parameters) => Run(echo: null, parameters);

    /// <summary>Runs it with the kit's progress lines echoed to <paramref name="echo"/>.</summary>
    public NotebookDocument Run(TextWriter? echo, params (string name, string value)[] parameters)
    {
        Save();
        var options = new NotebookRunOptions { Parameters = parameters.ToDictionary(p => p.name, p => p.value), Echo = echo };
        NotebookRunner.Run(InputPath, OutputPath, options);
        return NotebookDocument.Load(OutputPath);
    }

    /// <summary>Cell <paramref name="number"/> (from 1, in file order) of an executed notebook.</summary>
    public static JsonObject Cell(NotebookDocument notebook, int number) => notebook.Cells[number - 1]!.AsObject();

    public static JsonArray Outputs(JsonObject cell) => cell["outputs"]!.AsArray();

    public static string OutputType(JsonNode? output) => output!["output_type"]!.GetValue<string>();

    public static string Text(JsonNode? node) => NotebookDocument.MultilineText(node);

    /// <summary>Everything the cell wrote to one stream.</summary>
    public static string Stream(JsonObject cell, string name = "stdout") =>
        string.Concat(Outputs(cell).Where(o => OutputType(o) == "stream" && o!["name"]!.GetValue<string>() == name).Select(o => Text(o!["text"])));

    public void Dispose() => folder.Dispose();
}
