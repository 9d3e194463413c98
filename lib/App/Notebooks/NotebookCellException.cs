namespace Dino.Repro.App.Notebooks;

/// <summary>
/// A cell failed (compile error, exception, unsupported directive). The message names the cell (numbered from 1
/// in file order, markdown cells included, as the cells appear in the file), the line inside the cell with its
/// text, and the error; <see cref="OutputPath"/> holds the notebook executed up to and including the failure.
/// </summary>
public sealed class NotebookCellException : Exception
{
    public NotebookCellException(string cellLabel, int cellNumber, int? line, string? sourceLine, string error, string? outputPath, Exception? inner)
        : base(Describe(cellLabel, line, sourceLine, error), inner)
    {
        CellLabel = cellLabel;
        CellNumber = cellNumber;
        Line = line;
        SourceLine = sourceLine;
        Error = error;
        OutputPath = outputPath;
    }

    /// <summary>"cell 3", or "injected-parameters cell (after cell 2)".</summary>
    public string CellLabel { get; }

    /// <summary>1-based position of the cell in the input notebook (for the injected cell: of the parameters cell).</summary>
    public int CellNumber { get; }

    /// <summary>1-based line inside the cell, when known.</summary>
    public int? Line { get; }

    public string? SourceLine { get; }

    /// <summary>The error alone: "DivideByZeroException: Attempted to divide by zero." or "error CS0103: …".</summary>
    public string Error { get; }

    public string? OutputPath { get; }

    internal static string Describe(string cellLabel, int? line, string? sourceLine, string error) =>
        line is { } n ? $"{cellLabel}, line {n}: {error}" + (sourceLine is { } s ? $"\n    {n} | {s.Trim()}" : "") : $"{cellLabel}: {error}";
}
