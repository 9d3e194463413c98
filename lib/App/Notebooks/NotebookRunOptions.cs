namespace Dino.Repro.App.Notebooks;

/// <summary>How to run a notebook: parameter values, where to echo what it prints, progress messages.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Values for the parameters cell, by name, as text (parsed by each parameter's declared type).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where the kit's progress lines go as the cells run, and every cell's printed text once the kernel has run them
    /// (the CLI passes the console); null keeps both in the executed notebook only.
    /// </summary>
    public TextWriter? Echo { get; init; }

    /// <summary>The runner's own messages ("running 8 code cells in the .NET Interactive kernel").</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>The executed notebook and where it was written.</summary>
public sealed record NotebookRunResult(NotebookDocument Executed, int CodeCellsRun, TimeSpan Elapsed, string? OutputPath);
