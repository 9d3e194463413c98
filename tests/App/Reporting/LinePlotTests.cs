using System.Text.RegularExpressions;
using Dino.Repro.App.Reporting;

namespace Dino.Repro.Tests.App.Reporting;

public class LinePlotTests
{
    private static LinePlot Losses() =>
        new LinePlot("GAN losses", "step", "loss")
            .Add("generator", new[] { 0.0, 10, 20, 30 }, new[] { 2.5, 1.75, 1.25, 1.125 })
            .Add("discriminator", new[] { 0.75, 0.5, 0.625, 0.5 });

    [Fact]
    public void Html_page_holds_the_series_data_and_either_inlined_plotly_or_the_fallback_note()
    {
        var html = Losses().ToHtmlPage();
        Assert.Contains("\"name\":\"generator\"", html);
        Assert.Contains("\"x\":[0,10,20,30]", html);
        Assert.Contains("\"y\":[2.5,1.75,1.25,1.125]", html);
        Assert.Contains("\"name\":\"discriminator\"", html);
        if (PlotlyJs.IsAvailable)
        {
            Assert.Contains("plotly.js v", html);
            Assert.Contains("Plotly.newPlot", html);
        }
        else
        {
            Assert.Contains(PlotlyHtml.FallbackNote, html);
        }
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Without_plotly_the_html_shows_the_static_png_and_says_why()
    {
        var html = PlotlyHtml.Fragment(Losses(), includePlotlyJs: true, plotlySource: null, whyMissing: "npm was not installed");
        Assert.Contains(PlotlyHtml.FallbackNote, html);
        Assert.Contains("npm was not installed", html);
        Assert.Contains("src=\"data:image/png;base64,", html);
        Assert.DoesNotContain("Plotly.newPlot", html);
        Assert.Contains("\"y\":[0.75,0.5,0.625,0.5]", html);
    }

    [Fact]
    public void A_fragment_for_a_page_that_has_plotly_does_not_inline_it_again()
    {
        var html = PlotlyHtml.Fragment(Losses(), includePlotlyJs: false, plotlySource: "/* plotly stand-in */", whyMissing: null);
        Assert.DoesNotContain("plotly stand-in", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains(
            "plotly stand-in",
            PlotlyHtml.Fragment(Losses(), includePlotlyJs: true, plotlySource: "/* plotly stand-in */", whyMissing: null)
        );
    }

    [Fact]
    public void Png_fallback_decodes_to_the_plot_size_and_draws_each_series_in_its_colour()
    {
        var plot = Losses();
        plot.Width = 320;
        plot.Height = 200;
        var (width, height, rgb) = PngDecoder.Decode(plot.ToPng());
        Assert.Equal((320, 200), (width, height));

        int Count(Rgb c)
        {
            var n = 0;
            for (var i = 0; i < rgb.Length; i += 3)
                n += rgb[i] == c.R && rgb[i + 1] == c.G && rgb[i + 2] == c.B ? 1 : 0;
            return n;
        }
        foreach (var s in plot.Series)
            Assert.True(Count(s.Colour) > 100, $"series {s.Name} ({s.Colour.ToHex()}) drew {Count(s.Colour)} pixels");
        Assert.True(Count(Rgb.White) > width * height / 2, "background is white");
    }

    [Fact]
    public void Png_line_goes_where_the_data_says()
    {
        // One rising line: its colour must appear low on the left and high on the right, not the other way round.
        var plot = new LinePlot("rise") { Width = 200, Height = 200 }.Add("up", new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 });
        var (width, height, rgb) = PngDecoder.Decode(plot.ToPng());
        var colour = plot.Series[0].Colour;
        IEnumerable<(int x, int y)> Hits()
        {
            for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                if (rgb[i] == colour.R && rgb[i + 1] == colour.G && rgb[i + 2] == colour.B && x < width - 40)
                    yield return (x, y); // skip the legend swatch
            }
        }
        var hits = Hits().ToList();
        var left = hits.MinBy(h => h.x);
        var right = hits.MaxBy(h => h.x);
        Assert.True(left.y > right.y + 100, $"line from {left} to {right} should rise to the right");
    }
}
