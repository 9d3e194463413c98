namespace Dino.Repro.App.Reporting;

/// <summary>
/// A paper's table re-laid with the kit's numbers: for every metric, the paper's value and the kit's value side
/// by side ("FID (paper)", "FID (kit)"), one row per method. A value the paper does not report, or the kit has
/// not measured, is null and shows as an em dash.
/// </summary>
[TypeFormatterSource(typeof(KitFormatterSource), PreferredMimeTypes = new[] { "text/html" })]
public sealed class PaperVsKitTable
{
    private readonly List<(string row, double?[] paper, double?[] kit)> rows = new();

    public PaperVsKitTable(string caption, string rowHeader, params string[] metrics)
    {
        if (metrics.Length == 0)
            throw new ArgumentException("name at least one metric", nameof(metrics));
        Caption = caption;
        RowHeader = rowHeader;
        Metrics = metrics;
    }

    public string Caption { get; }
    public string RowHeader { get; }
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Numeric format of every value (default two decimals, as most papers print).</summary>
    public string NumberFormat { get; set; } = "0.00";

    public PaperVsKitTable Add(string row, double?[] paper, double?[] kit)
    {
        if (paper.Length != Metrics.Count || kit.Length != Metrics.Count)
            throw new ArgumentException(
                $"row '{row}': expected {Metrics.Count} paper and {Metrics.Count} kit values, got {paper.Length} and {kit.Length}"
            );
        rows.Add((row, paper, kit));
        return this;
    }

    public Table ToTable()
    {
        var columns = new List<string> { RowHeader };
        foreach (var m in Metrics)
            columns.AddRange(new[] { $"{m} (paper)", $"{m} (kit)" });
        var table = new Table(Caption, columns.ToArray()) { NumberFormat = NumberFormat };
        foreach (var (row, paper, kit) in rows)
        {
            var cells = new object?[columns.Count];
            cells[0] = row;
            for (var m = 0; m < Metrics.Count; m++)
            {
                cells[1 + 2 * m] = paper[m];
                cells[2 + 2 * m] = kit[m];
            }
            table.AddRow(cells);
        }
        return table;
    }

    public string ToMarkdown() => ToTable().ToMarkdown();

    public string ToHtml() => ToTable().ToHtml();

    public override string ToString() => ToMarkdown();
}
