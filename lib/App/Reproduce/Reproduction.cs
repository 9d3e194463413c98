using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;

namespace Dino.Repro.App.Reproduce;

/// <summary>What a reproduction produced: the table, its rows, and the files of its report.</summary>
/// <param name="Folder">OutputRoot/&lt;table&gt;.</param>
/// <param name="Comparison">The paper's numbers beside the kit's.</param>
/// <param name="Table">The comparison as displayed (unmeasurable cells explained in words, e.g. FID).</param>
/// <param name="Rows">The kit's rows, one per method (the ground truth first).</param>
/// <param name="SampleGrid">PNG: condition | ground truth | each method, one test example per row.</param>
/// <param name="Curves">The training curves (DINO's E_real, E_fake and k: the paper's Figure 2).</param>
/// <param name="LossCurves">Each method's losses against the step.</param>
public sealed record Reproduction(
    string Folder,
    PaperVsKitTable Comparison,
    Table Table,
    IReadOnlyList<MethodScores> Rows,
    Media SampleGrid,
    LinePlot Curves,
    IReadOnlyList<LinePlot> LossCurves
)
{
    /// <summary>k of every DINO row over training, the first step its fake term acts marked; null without DINO rows.</summary>
    public LinePlot? BalanceCurves { get; init; }

    /// <summary>IoU per class and object size, and the blur-robust segmenter's scores (<see cref="SemanticsReport"/>); null unsegmented.</summary>
    public Table? Semantics { get; init; }

    /// <summary>The rows over training seeds (<see cref="Rows"/> are its means); one seed: no spread.</summary>
    public SeedSpread? Spread { get; init; }

    public string IndexHtml => Path.Combine(Folder, "index.html");
    public string ResultsJson => Path.Combine(Folder, "results.json");
    public string TableMarkdown => Path.Combine(Folder, "table.md");
}
