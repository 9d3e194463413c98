using Dino.Repro.App.Reporting;

namespace Dino.Repro.Tests.App.Reporting;

public class TableTests
{
    private static Table Small() =>
        new Table("Table 1: FID", "method", "FID", "epochs").AddRow("pix2pix", 45.123456, 200).AddRow("DINO | ours", null, 150);

    [Fact]
    public void Markdown_has_caption_right_aligned_numbers_escaped_pipes_and_dashes_for_missing_values()
    {
        Assert.Equal(
            "**Table 1: FID**\n\n"
                + "| method | FID | epochs |\n"
                + "| --- | ---: | ---: |\n"
                + "| pix2pix | 45.1235 | 200 |\n"
                + "| DINO \\| ours | — | 150 |\n",
            Small().ToMarkdown()
        );
    }

    [Fact]
    public void Html_escapes_text_and_right_aligns_numeric_columns()
    {
        const string Right = " style=\"text-align:right\"";
        Assert.Equal(
            "<table>\n<caption>Table 1: FID</caption>\n<thead>\n"
                + $"<tr><th>method</th><th{Right}>FID</th><th{Right}>epochs</th></tr>\n</thead>\n<tbody>\n"
                + $"<tr><td>pix2pix</td><td{Right}>45.1235</td><td{Right}>200</td></tr>\n"
                + $"<tr><td>DINO | ours</td><td{Right}>—</td><td{Right}>150</td></tr>\n"
                + "</tbody>\n</table>\n",
            Small().ToHtml()
        );
        Assert.Contains("<td>a &lt;b&gt; &amp; c</td>", new Table("", "x").AddRow("a <b> & c").ToHtml());
    }

    [Fact]
    public void Column_formats_override_the_table_format_with_the_invariant_culture()
    {
        var table = Small().FormatColumn("FID", "F2");
        Assert.Equal("45.12", table.CellText(0, 1));
        table.NumberFormat = "0.0";
        Assert.Equal("45.12", table.CellText(0, 1));
        Assert.Equal(Table.Missing, new Table("", "v").AddRow(double.NaN).CellText(0, 0));
    }

    [Fact]
    public void Rows_of_the_wrong_width_and_unknown_columns_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Small().AddRow("only one cell"));
        var e = Assert.Throws<ArgumentException>(() => Small().FormatColumn("IS", "F2"));
        Assert.Contains("method, FID, epochs", e.Message);
    }

    [Fact]
    public void Paper_vs_kit_places_the_papers_number_beside_the_kits()
    {
        var table = new PaperVsKitTable("Table 2", "method", "FID", "mIoU")
            .Add("pix2pix", paper: new double?[] { 45.2, 0.61 }, kit: new double?[] { 50.117, null })
            .ToTable();
        Assert.Equal(new[] { "method", "FID (paper)", "FID (kit)", "mIoU (paper)", "mIoU (kit)" }, table.Columns);
        Assert.Equal("| pix2pix | 45.20 | 50.12 | 0.61 | — |", table.ToMarkdown().Split('\n')[4]);
        Assert.Throws<ArgumentException>(() => new PaperVsKitTable("t", "m", "FID").Add("x", new double?[] { 1 }, new double?[] { 1, 2 }));
    }
}
