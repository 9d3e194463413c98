using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Runs a Polyglot Notebooks (.NET Interactive) notebook headlessly in the real kernel (<see cref="NotebookKernel"/>), as
/// CI and <c>dino notebook run</c> do: parameters injected papermill-style after the cell tagged "parameters", the kit's
/// <c>#r</c> line pointed at the kit that runs it, cells run in the notebook's folder, the executed copy written with
/// every cell's outputs. The kernel runs on past a failing cell; the first failure is then reported as a
/// <see cref="NotebookCellException"/> naming the cell (and, for a compile error, the line).
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>Where an executed notebook goes when no output is named: beside the input, as NAME.executed.ipynb.</summary>
    public static string DefaultOutputPath(string inputPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath))!, Path.GetFileNameWithoutExtension(inputPath) + ".executed.ipynb");

    /// <summary>
    /// Runs the notebook at <paramref name="inputPath"/>; writes the executed copy to <paramref name="outputPath"/> (null: not written).
    /// </summary>
    public static NotebookRunResult Run(
        string inputPath,
        string? outputPath,
        NotebookRunOptions? options = null,
        CancellationToken cancellation = default
    )
    {
        options ??= new NotebookRunOptions();
        var fullInput = Path.GetFullPath(inputPath);
        var executed = NotebookDocument.Load(fullInput);
        var plan = Plan(executed, options.Parameters);
        executed.Cells.Clear();
        foreach (var p in plan)
            executed.Cells.Add(PointAtThisKit(p.Cell));

        var scratch = Directory.CreateTempSubdirectory("dino-notebook-");
        var watch = Stopwatch.StartNew();
        try
        {
            var planned = Path.Combine(scratch.FullName, Path.GetFileName(fullInput));
            var ran = Path.Combine(scratch.FullName, "executed.ipynb");
            executed.Save(planned);
            options.Progress?.Invoke(
                $"running {plan.Count(p => NotebookDocument.CellType(p.Cell) == "code")} code cells in the .NET Interactive kernel"
            );
            NotebookKernel.Run(planned, ran, Path.GetDirectoryName(fullInput)!, options.Echo is { } echo ? echo.WriteLine : null, cancellation);
            var outputs = NotebookDocument.Load(ran);
            var failure = CopyOutputs(outputs, executed, plan, outputPath);
            if (options.Echo is { } cellText)
                EchoText(executed, plan, cellText);
            if (outputPath is not null)
                executed.Save(outputPath);
            if (failure is not null)
                throw failure;
            var codeCells = plan.Count(p => NotebookDocument.CellType(p.Cell) == "code");
            return new NotebookRunResult(executed, codeCells, watch.Elapsed, outputPath);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private sealed record PlannedCell(JsonObject Cell, string Label, int Number);

    // The kernel's outputs moved into the planned notebook (which keeps the input's own cell metadata); the first cell
    // with an error output becomes the failure to report.
    private static NotebookCellException? CopyOutputs(
        NotebookDocument kernel,
        NotebookDocument executed,
        IReadOnlyList<PlannedCell> plan,
        string? outputPath
    )
    {
        if (kernel.Cells.Count != plan.Count)
            throw new NotebookKernelException($"the kernel returned {kernel.Cells.Count} cells for a notebook of {plan.Count}", kernel.ToJson());
        NotebookCellException? first = null;
        for (var i = 0; i < plan.Count; i++)
        {
            var (cell, label, number) = plan[i];
            if (NotebookDocument.CellType(cell) != "code")
                continue;
            var ran = kernel.Cells[i]!.AsObject();
            var target = executed.Cells[i]!.AsObject();
            target["outputs"] = ran["outputs"]?.DeepClone() ?? new JsonArray();
            target["execution_count"] = ran["execution_count"]?.DeepClone();
            var error = target["outputs"]!.AsArray().FirstOrDefault(o => o?["output_type"]?.GetValue<string>() == "error");
            if (first is null && error is not null)
                first = Failure(label, number, NotebookDocument.Source(target), error["evalue"]?.GetValue<string>() ?? "", outputPath);
        }
        return first;
    }

    // What the cells printed, in order, once the kernel has run them (it hands outputs back only at the end).
    private static void EchoText(NotebookDocument executed, IReadOnlyList<PlannedCell> plan, TextWriter echo)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            var cell = executed.Cells[i]!.AsObject();
            if (NotebookDocument.CellType(cell) != "code")
                continue;
            foreach (var output in cell["outputs"]!.AsArray())
            {
                var text = output?["output_type"]?.GetValue<string>() switch
                {
                    "stream" => NotebookDocument.MultilineText(output!["text"]),
                    "error" => $"{plan[i].Label}: {output!["evalue"]?.GetValue<string>()}\n",
                    _ => output?["data"]?["text/plain"] is { } plain ? NotebookDocument.MultilineText(plain) + "\n" : "",
                };
                echo.Write(text);
            }
        }
    }

    // A compile error reads "(line,column): error CS0103: …" (line 1 of the cell's own source); an exception reads
    // "System.InvalidOperationException: message" and then its stack, which the kernel gives without cell lines.
    private static NotebookCellException Failure(string label, int number, string source, string evalue, string? outputPath)
    {
        var firstLine = evalue.Split('\n')[0].TrimEnd('\r');
        var lines = source.Split('\n');
        if (CompileError().Match(firstLine) is { Success: true } compile)
        {
            var line = int.Parse(compile.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : null;
            return new NotebookCellException(label, number, line, text, compile.Groups[2].Value, outputPath, null);
        }
        var shortType = ExceptionType().Replace(firstLine, "$1");
        return new NotebookCellException(label, number, null, null, shortType, outputPath, null);
    }

    [GeneratedRegex(@"^\((\d+),\d+\): (error \w+: .*)$")]
    private static partial Regex CompileError();

    // "System.IO.FileNotFoundException: …" → "FileNotFoundException: …" (and an HRESULT after the type dropped)
    [GeneratedRegex(@"^(?:\w+\.)+(\w+(?:Exception|Error))\b(?: \(0x[0-9A-Fa-f]+\))?")]
    private static partial Regex ExceptionType();

    // `#r "…/dino.dll"` (notebooks load the kit's Release build relative to their folder): the kit that runs the
    // notebook is the one its cells get, so a test's or an installed kit's notebooks use that build.
    private static JsonObject PointAtThisKit(JsonObject cell)
    {
        if (NotebookDocument.CellType(cell) != "code")
            return cell;
        var source = NotebookDocument.Source(cell);
        var kit = Path.Combine(AppContext.BaseDirectory, "dino.dll");
        var pointed = KitReference().Replace(source, $"#r \"{kit}\"");
        if (pointed != source)
            cell["source"] = NotebookDocument.Lines(pointed);
        return cell;
    }

    [GeneratedRegex(@"^#r\s+""[^""]*\bdino\.dll""", RegexOptions.Multiline)]
    private static partial Regex KitReference();

    /// <summary>The cells to run, labelled by their position in the input file, with an injected-parameters cell when values are given.</summary>
    private static List<PlannedCell> Plan(NotebookDocument notebook, IReadOnlyDictionary<string, string> parameters)
    {
        var plan = new List<PlannedCell>();
        var number = 0;
        var parametersCellNumber = 0;
        string? parametersSource = null;
        foreach (var node in notebook.Cells)
        {
            var cell = node!.AsObject();
            number++;
            // A previous run's injected cell is replaced, as papermill does.
            if (NotebookDocument.HasTag(cell, NotebookParameters.InjectedTag))
                continue;
            ClearOutputs(cell);
            plan.Add(new PlannedCell(cell, $"cell {number}", number));
            if (
                parametersSource is null
                && NotebookDocument.CellType(cell) == "code"
                && NotebookDocument.HasTag(cell, NotebookParameters.ParametersTag)
            )
            {
                parametersSource = NotebookDocument.Source(cell);
                parametersCellNumber = number;
            }
        }
        if (parameters.Count == 0)
            return plan;
        if (parametersSource is null)
            throw new NotebookParameterException(
                $"parameters were given ({string.Join(", ", parameters.Keys)}) but the notebook has no cell tagged "
                    + $"\"{NotebookParameters.ParametersTag}\""
            );

        var injected = NotebookDocument.NewCodeCell(
            NotebookParameters.InjectedSource(NotebookParameters.Declared(parametersSource), parameters),
            NotebookParameters.InjectedTag
        );
        var at = plan.FindIndex(p => p.Number == parametersCellNumber) + 1;
        plan.Insert(at, new PlannedCell(injected, $"injected-parameters cell (after cell {parametersCellNumber})", parametersCellNumber));
        return plan;
    }

    private static void ClearOutputs(JsonObject cell)
    {
        if (NotebookDocument.CellType(cell) != "code")
            return;
        cell["outputs"] = new JsonArray();
        cell["execution_count"] = null;
    }
}
