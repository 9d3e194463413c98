using System.Reflection;
using Dino.Repro.App.Reporting;

namespace Dino.Repro.Tests.App.Reporting;

/// <summary>What .NET Interactive finds through the kit's formatter attribute: each report type's own HTML.</summary>
public class KitFormatterSourceTests
{
    [Fact]
    public void Every_report_type_names_the_source_and_it_writes_the_types_own_html()
    {
        var comparison = new PaperVsKitTable("Table 1", "method", "FID").Add("DINO", [29.3], [41.0]);
        var table = new Table("scores", "method", "FID").AddRow("pix2pix", 45.2);
        var plot = new LinePlot("loss", "step", "L1").Add("train", new double[] { 1, 2 });
        var image = Media.Png(new RgbCanvas(2, 2, Rgb.White).ToPng());
        foreach (
            var (value, html) in new (object, string)[]
            {
                (comparison, comparison.ToTable().ToHtml()),
                (table, table.ToHtml()),
                (image, image.ToHtml()),
            }
        )
        {
            Assert.Equal(html, Format(value));
        }
        Assert.Contains("class=\"dino-plot-data\"", Format(plot)); // each fragment gets a fresh element id
        foreach (var type in new[] { typeof(PaperVsKitTable), typeof(Table), typeof(LinePlot), typeof(Media) })
            Assert.Equal(typeof(KitFormatterSource), type.GetCustomAttribute<TypeFormatterSourceAttribute>()?.FormatterSourceType);
        Assert.Null(Format("a string the kernel formats itself"));
    }

    private static string? Format(object value)
    {
        var formatter = (KitFormatterSource.HtmlFormatter)new KitFormatterSource().CreateTypeFormatters().Single();
        Assert.Equal("text/html", formatter.MimeType);
        var writer = new StringWriter();
        return formatter.Format(value, writer) ? writer.ToString() : null;
    }
}
