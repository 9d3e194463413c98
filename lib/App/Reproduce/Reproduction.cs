using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;

namespace Dino.Repro.App.Reproduce;

/// <summary>What a reproduction produced: the table, its rows, and the files of its report.</summary>
/// <param name="Folder">OutputRoot/&lt;table&gt;.</param>
/// <param name="Table">The table as displayed (the paper's numbers beside the kit's where it has any; unmeasurable cells explained).</param>
/// <param name="Rows">The kit's rows, one per method, each metric by its key.</param>
/// <param name="SampleGrid">PNG: the table's samples (image-to-image: condition | ground truth | each method).</param>
/// <param name="LossCurves">Each method's losses against the step.</param>
public sealed record Reproduction(string Folder, Table Table, IReadOnlyList<MethodScores> Rows, Media SampleGrid, IReadOnlyList<LinePlot> LossCurves)
{
    /// <summary>The paper's numbers beside the kit's, undisplayed; null where the paper prints no table of numbers.</summary>
    public PaperVsKitTable? Comparison { get; init; }

    /// <summary>The training curves the paper draws (DINO's E_real, E_fake and k: its Figure 2); null where it draws none.</summary>
    public LinePlot? Curves { get; init; }

    /// <summary>k of every DINO row over training, the first step its fake term acts marked; null without DINO rows.</summary>
    public LinePlot? BalanceCurves { get; init; }

    /// <summary>IoU per class and object size, and the blur-robust segmenter's scores (<see cref="SemanticsReport"/>); null unsegmented.</summary>
    public Table? Semantics { get; init; }

    /// <summary>Audio the report plays beside its samples (speech-to-face: the speech of each sample row), in row order.</summary>
    public IReadOnlyList<Media> Audio { get; init; } = [];

    /// <summary>Generated videos to watch (with their sound), for notebooks to display.</summary>
    public IReadOnlyList<Media> Videos { get; init; } = [];

    /// <summary>Tables the report shows after the main one (acgan-translation: the encoders' speed).</summary>
    public IReadOnlyList<Table> MoreTables { get; init; } = [];

    /// <summary>Whether each of the paper's claims holds at this preset, and why, one sentence each; empty where the report has none.</summary>
    public IReadOnlyList<string> Verdict { get; init; } = [];

    /// <summary>The rows over training seeds (<see cref="Rows"/> are its means); one seed: no spread.</summary>
    public SeedSpread? Spread { get; init; }

    public string IndexHtml => Path.Combine(Folder, "index.html");
    public string ResultsJson => Path.Combine(Folder, "results.json");
    public string TableMarkdown => Path.Combine(Folder, "table.md");
}
