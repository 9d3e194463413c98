using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Runs a Polyglot Notebooks (.NET Interactive) C# notebook headlessly, as CI and <c>dino notebook run</c> do:
/// code cells in order with shared state, markdown passed through, parameters injected papermill-style, outputs
/// (streams, displays, results, errors) written into the executed copy. The first failing cell stops the run
/// with a <see cref="NotebookCellException"/> after the executed-so-far notebook is written.
/// Runs are serialised in a process: cells print through the process-wide Console.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneRunAtATime = new(1, 1);

    /// <summary>Where an executed notebook goes when no output is named: beside the input, as NAME.executed.ipynb.</summary>
    public static string DefaultOutputPath(string inputPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath))!, Path.GetFileNameWithoutExtension(inputPath) + ".executed.ipynb");

    public static NotebookRunResult Run(string inputPath, string? outputPath, NotebookRunOptions? options = null) =>
        RunAsync(inputPath, outputPath, options).GetAwaiter().GetResult();

    /// <summary>Runs the notebook at <paramref name="inputPath"/>; writes the executed copy to <paramref name="outputPath"/> (null: not written).</summary>
    public static async Task<NotebookRunResult> RunAsync(string inputPath, string? outputPath, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new NotebookRunOptions();
        var input = NotebookDocument.Load(inputPath);
        var fullInput = Path.GetFullPath(inputPath);
        await OneRunAtATime.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await ExecuteAsync(input, fullInput, outputPath, options, cancellation).ConfigureAwait(false);
        }
        finally
        {
            OneRunAtATime.Release();
        }
    }

    private sealed record PlannedCell(JsonObject Cell, string Label, int Number);

    private static async Task<NotebookRunResult> ExecuteAsync(NotebookDocument input, string inputPath, string? outputPath, NotebookRunOptions options, CancellationToken cancellation)
    {
        var executed = input.Clone();
        var plan = Plan(executed, options.Parameters);
        executed.Cells.Clear();
        foreach (var p in plan) executed.Cells.Add(p.Cell);

        var folder = Path.GetDirectoryName(inputPath)!;
        var session = new ScriptSession(folder);
        var formatter = new DisplayFormatter();
        var oldDirectory = Environment.CurrentDirectory;
        var watch = Stopwatch.StartNew();
        var executionCount = 0;
        Environment.CurrentDirectory = folder;  // relative paths in cells resolve as in Polyglot Notebooks: from the notebook's folder
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var (cell, label, number) = plan[i];
                if (NotebookDocument.CellType(cell) != "code") continue;
                var cellWatch = Stopwatch.StartNew();
                executionCount++;
                cell["execution_count"] = executionCount;
                var outputs = new CellOutputCollector(options.Echo, options.EchoErrors);
                var failure = await RunCellAsync(executed, cell, label, number, executionCount, session, formatter, outputs, folder, cancellation).ConfigureAwait(false);
                cell["outputs"] = outputs.ToJson();
                options.Progress?.Invoke($"{label} {(failure is null ? "ran" : "failed")} in {cellWatch.Elapsed.TotalSeconds:F2} s");
                if (failure is null) continue;

                for (var rest = i + 1; rest < plan.Count; rest++) ClearOutputs(plan[rest].Cell);
                Environment.CurrentDirectory = oldDirectory;
                if (outputPath is not null) executed.Save(outputPath);
                throw new NotebookCellException(failure.Label, failure.Number, failure.Line, failure.SourceLine, failure.Error, outputPath, failure.Inner);
            }
        }
        finally
        {
            Environment.CurrentDirectory = oldDirectory;
        }
        if (outputPath is not null) executed.Save(outputPath);
        return new NotebookRunResult(executed, executionCount, watch.Elapsed, outputPath);
    }

    private sealed record Failure(string Label, int Number, int? Line, string? SourceLine, string Error, Exception? Inner);

    private static async Task<Failure?> RunCellAsync(NotebookDocument notebook, JsonObject cell, string label, int number, int executionCount,
        ScriptSession session, DisplayFormatter formatter, CellOutputCollector outputs, string folder, CancellationToken cancellation)
    {
        var source = NotebookDocument.Source(cell);
        var sourceLines = source.Split('\n');
        string? LineText(int? line) => line is { } n && n >= 1 && n <= sourceLines.Length ? sourceLines[n - 1].TrimEnd('\r') : null;
        Failure Fail(int? line, string ename, string error, Exception? inner, IEnumerable<string> details, string? evalue = null)
        {
            var message = NotebookCellException.Describe(label, line, LineText(line), error);
            outputs.Add(NotebookOutputs.Error(ename, evalue ?? error, message.Split('\n').Concat(details)));
            return new Failure(label, number, line, LineText(line), error, inner);
        }

        var language = notebook.Language(cell);
        if (language is not ("csharp" or "c#"))
            return Fail(null, "UnsupportedLanguage", $"the cell's language is '{language}'; the headless runner runs C# cells only", null, Array.Empty<string>());

        string code;
        try
        {
            code = CellSource.Prepare(source, ScriptSession.KitFileName);
        }
        catch (CellSourceException e)
        {
            return Fail(e.Line, "UnsupportedDirective", e.Message, e, Array.Empty<string>());
        }

        // A file path per cell: the script's debug information then maps a stack frame to this cell and line.
        var cellPath = Path.Combine(folder, $"cell-{number}{(label.StartsWith("cell", StringComparison.Ordinal) ? "" : "-injected")}.csx");
        CellExecution run;
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(outputs.Stdout);
        Console.SetError(outputs.Stderr);
        try
        {
            using var displays = NotebookDisplay.Capture(value => outputs.Add(NotebookOutputs.DisplayData(formatter.Format(value))));
            run = await session.RunAsync(code, cellPath, cancellation).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }

        if (!run.CompileErrors.IsDefaultOrEmpty)
        {
            var first = run.CompileErrors[0];
            var line = first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : (int?)null;
            var all = run.CompileErrors.Select(d => $"{CompileErrorText(d)} (line {d.Location.GetLineSpan().StartLinePosition.Line + 1})");
            return Fail(line, "CompilationError", CompileErrorText(first), null, all);
        }
        if (run.Exception is { } exception)
        {
            var line = ErrorLine(exception, cellPath);
            // The stack down to the cell's frame; the scripting engine's frames below it say nothing about the notebook.
            var details = (exception.StackTrace ?? "").Split('\n').Select(l => l.TrimEnd())
                .Where(l => l.Length > 0 && !l.StartsWith("---", StringComparison.Ordinal) && !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal));
            return Fail(line, exception.GetType().FullName ?? exception.GetType().Name, $"{exception.GetType().Name}: {exception.Message}", exception, details, exception.Message);
        }
        if (run.ReturnValue is { } value)
        {
            outputs.Add(NotebookOutputs.ExecuteResult(executionCount, formatter.Format(value)));
        }
        return null;
    }

    private static string CompileErrorText(Diagnostic d) => $"error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";

    /// <summary>The line in this cell where the exception passed, from the innermost stack frame that lies in the cell.</summary>
    private static int? ErrorLine(Exception exception, string cellPath)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetFileName() == cellPath && frame.GetFileLineNumber() > 0) return frame.GetFileLineNumber();
        }
        return null;
    }

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
            if (NotebookDocument.HasTag(cell, NotebookParameters.InjectedTag)) continue;
            ClearOutputs(cell);
            plan.Add(new PlannedCell(cell, $"cell {number}", number));
            if (parametersSource is null && NotebookDocument.CellType(cell) == "code" && NotebookDocument.HasTag(cell, NotebookParameters.ParametersTag))
            {
                parametersSource = NotebookDocument.Source(cell);
                parametersCellNumber = number;
            }
        }
        if (parameters.Count == 0) return plan;
        if (parametersSource is null)
            throw new NotebookParameterException($"parameters were given ({string.Join(", ", parameters.Keys)}) but the notebook has no cell tagged \"{NotebookParameters.ParametersTag}\"");

        var injected = NotebookDocument.NewCodeCell(NotebookParameters.InjectedSource(NotebookParameters.Declared(parametersSource), parameters), NotebookParameters.InjectedTag);
        var at = plan.FindIndex(p => p.Number == parametersCellNumber) + 1;
        plan.Insert(at, new PlannedCell(injected, $"injected-parameters cell (after cell {parametersCellNumber})", parametersCellNumber));
        return plan;
    }

    private static void ClearOutputs(JsonObject cell)
    {
        if (NotebookDocument.CellType(cell) != "code") return;
        cell["outputs"] = new JsonArray();
        cell["execution_count"] = null;
    }
}
