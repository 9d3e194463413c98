using System.Globalization;
using System.Text;

namespace Dino.Repro.App.Reporting;

/// <summary>
/// A captioned table of rows × named columns, rendered as Markdown or HTML. Numbers are formatted with the
/// invariant culture (a per-column format, else <see cref="NumberFormat"/>); numeric columns are right-aligned;
/// a missing value (null or NaN) shows as an em dash.
/// </summary>
[TypeFormatterSource(typeof(KitFormatterSource), PreferredMimeTypes = new[] { "text/html" })]
public sealed class Table
{
    public const string Missing = "—";

    private readonly List<object?[]> rows = new();
    private readonly Dictionary<int, string> columnFormats = new();

    public Table(string caption, params string[] columns)
    {
        if (columns.Length == 0)
            throw new ArgumentException("a table needs at least one column", nameof(columns));
        Caption = caption;
        Columns = columns;
    }

    public string Caption { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<object?>> Rows => rows;

    /// <summary>.NET numeric format for floating-point cells without a column format (default: up to 4 decimals).</summary>
    public string NumberFormat { get; set; } = "0.####";

    /// <summary>Sets the numeric format of one column, e.g. <c>FormatColumn("FID", "F2")</c>.</summary>
    public Table FormatColumn(string column, string format)
    {
        columnFormats[IndexOf(column)] = format;
        return this;
    }

    public Table AddRow(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"table '{Caption}' has {Columns.Count} columns; the row has {cells.Length} cells", nameof(cells));
        rows.Add(cells);
        return this;
    }

    /// <summary>The text shown for one cell.</summary>
    public string CellText(int row, int column)
    {
        var value = rows[row][column];
        var format = columnFormats.GetValueOrDefault(column);
        return value switch
        {
            null => Missing,
            double d when double.IsNaN(d) => Missing,
            float f when float.IsNaN(f) => Missing,
            double or float or decimal => ((IFormattable)value).ToString(format ?? NumberFormat, CultureInfo.InvariantCulture),
            bool b => b ? "yes" : "no",
            IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>True when every present value of the column is a number (such columns are right-aligned).</summary>
    public bool IsNumeric(int column)
    {
        var any = false;
        foreach (var row in rows)
        {
            if (row[column] is null)
                continue;
            if (!IsNumber(row[column]!))
                return false;
            any = true;
        }
        return any;
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        if (Caption.Length > 0)
            sb.Append("**").Append(MarkdownCell(Caption)).Append("**\n\n");
        sb.Append('|');
        foreach (var c in Columns)
            sb.Append(' ').Append(MarkdownCell(c)).Append(" |");
        sb.Append("\n|");
        for (var c = 0; c < Columns.Count; c++)
            sb.Append(IsNumeric(c) ? " ---: |" : " --- |");
        sb.Append('\n');
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append('|');
            for (var c = 0; c < Columns.Count; c++)
                sb.Append(' ').Append(MarkdownCell(CellText(r, c))).Append(" |");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public string ToHtml()
    {
        var numeric = Enumerable.Range(0, Columns.Count).Select(IsNumeric).ToArray();
        string Align(int c) => numeric[c] ? " style=\"text-align:right\"" : "";
        var sb = new StringBuilder("<table>\n");
        if (Caption.Length > 0)
            sb.Append("<caption>").Append(Html.Escape(Caption)).Append("</caption>\n");
        sb.Append("<thead>\n<tr>");
        for (var c = 0; c < Columns.Count; c++)
            sb.Append("<th").Append(Align(c)).Append('>').Append(Html.Escape(Columns[c])).Append("</th>");
        sb.Append("</tr>\n</thead>\n<tbody>\n");
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append("<tr>");
            for (var c = 0; c < Columns.Count; c++)
                sb.Append("<td").Append(Align(c)).Append('>').Append(Html.Escape(CellText(r, c))).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        return sb.ToString();
    }

    public override string ToString() => ToMarkdown();

    private int IndexOf(string column)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c] == column)
                return c;
        }
        throw new ArgumentException($"table '{Caption}' has no column '{column}' (columns: {string.Join(", ", Columns)})", nameof(column));
    }

    private static bool IsNumber(object value) =>
        value is double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort;

    // A pipe would end the cell and a newline the row.
    private static string MarkdownCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
