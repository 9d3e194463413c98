using System.Text;
using Dino.Repro.App.Reporting;

namespace Dino.Repro.App.Reproduce;

/// <summary>A paper table's table.md: its tables, then the verdict and the notes as bullet lists.</summary>
public static class ReportMarkdown
{
    public static string Of(IEnumerable<Table> tables, IReadOnlyList<string> verdicts, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var text = new StringBuilder();
        foreach (var table in tables)
            text.AppendLine(table.ToMarkdown()).AppendLine();
        text.AppendLine("Verdict:").AppendLine();
        foreach (var line in verdicts)
            text.Append("- ").AppendLine(line);
        text.AppendLine().AppendLine("Notes:").AppendLine();
        foreach (var line in notes)
            text.Append("- ").AppendLine(line);
        return text.ToString();
    }
}
