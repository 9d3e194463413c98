namespace Dino.Repro.App.Notebooks;

/// <summary>How to run a notebook: parameter values, where to echo cell output live, progress messages.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Values for the parameters cell, by name, as text (parsed by each parameter's declared type).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Also writes what cells print here as they run (the CLI passes the console); null keeps it captured only.</summary>
    public TextWriter? Echo { get; init; }

    /// <summary>Where what cells write to stderr is echoed (the CLI passes the console's error stream).</summary>
    public TextWriter? EchoErrors { get; init; }

    /// <summary>One line per cell run ("cell 3 ran in 0.41 s").</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>The executed notebook and where it was written.</summary>
public sealed record NotebookRunResult(NotebookDocument Executed, int CodeCellsRun, TimeSpan Elapsed, string? OutputPath);
