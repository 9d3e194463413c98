using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;

namespace Dino.Repro.App.Reproduce;

/// <summary>What to reproduce at which size, and where the report goes.</summary>
/// <param name="Preset">smoke or cpu: the experiments' preset of that name.</param>
/// <param name="OutputRoot">The report is written to OutputRoot/&lt;table&gt;/ (index.html, results.json, table.md, PNGs, runs/).</param>
/// <param name="Overrides">key=value options applied to every method trained (e.g. steps, shapes_count), after the preset.</param>
/// <param name="SegmenterSteps">Training steps of the evaluation segmenter; null = the table's default for the preset.</param>
/// <param name="AlsoReferenceTestMode">
/// Also score pix2pix and BicycleGAN as their authors' test.py does (<see cref="BaselineTestMode.Reference"/>), in a row
/// "METHOD (test.py)" beside the kit's eval-mode row, from the same trained run.
/// </param>
public sealed record ReproduceRequest(
    Preset Preset,
    string OutputRoot = "reports",
    IReadOnlyList<KeyValuePair<string, string>>? Overrides = null,
    int? SegmenterSteps = null,
    bool AlsoReferenceTestMode = false
)
{
    /// <summary>Training seeds per method (the rows' seed and the next ones); above 1 the table shows mean ± sd over them.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>
    /// Asks the method in training to stop after its current step (Ctrl+C, SIGTERM): it writes a checkpoint and the table
    /// throws <see cref="ReproductionStoppedException"/>; the same command continues from there.
    /// </summary>
    public CancellationToken Stop { get; init; }
}
