using Dino.Repro.IO;

namespace Dino.Repro.App.Reporting;

/// <summary>One named line: y over x (e.g. a loss over steps).</summary>
public sealed record PlotSeries(string Name, double[] X, double[] Y, Rgb Colour);

/// <summary>
/// Several named series over a shared x axis (loss curves, DINO's controller k, a metric vs step). Renders as an
/// interactive plotly.js chart in self-contained HTML (<see cref="ToHtmlPage"/>, <see cref="ToHtmlFragment"/>)
/// or as a static PNG drawn by the kit (<see cref="ToPng"/>), which is also the HTML's fallback.
/// </summary>
[TypeFormatterSource(typeof(KitFormatterSource), PreferredMimeTypes = new[] { "text/html" })]
public sealed class LinePlot
{
    /// <summary>plotly's default colour sequence, so the static and interactive plots agree.</summary>
    public static readonly IReadOnlyList<Rgb> Palette = new[]
    {
        "#636efa",
        "#ef553b",
        "#00cc96",
        "#ab63fa",
        "#ffa15a",
        "#19d3f3",
        "#ff6692",
        "#b6e880",
        "#ff97ff",
        "#fecb52",
    }
        .Select(Rgb.FromHex)
        .ToArray();

    private readonly List<PlotSeries> series = new();

    public LinePlot(string title, string xLabel = "step", string yLabel = "")
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    public string Title { get; }
    public string XLabel { get; }
    public string YLabel { get; }
    public IReadOnlyList<PlotSeries> Series => series;

    /// <summary>Size of the static PNG and the height of the interactive chart, in pixels.</summary>
    public int Width { get; set; } = 640;
    public int Height { get; set; } = 400;

    public LinePlot Add(string name, IEnumerable<double> x, IEnumerable<double> y)
    {
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length)
            throw new ArgumentException($"series '{name}': {xs.Length} x values but {ys.Length} y values");
        series.Add(new PlotSeries(name, xs, ys, Palette[series.Count % Palette.Count]));
        return this;
    }

    /// <summary>A series whose x values are 0, 1, 2, …</summary>
    public LinePlot Add(string name, IEnumerable<double> y)
    {
        var ys = y.ToArray();
        return Add(name, Enumerable.Range(0, ys.Length).Select(i => (double)i), ys);
    }

    public LinePlot Add(string name, IEnumerable<float> y) => Add(name, y.Select(v => (double)v));

    public byte[] ToPng() => PlotRasteriser.Draw(this).ToPng();

    /// <summary>
    /// A &lt;div&gt; with the chart; inlines plotly.js unless <paramref name="includePlotlyJs"/> is false (a page that already has it).
    /// </summary>
    public string ToHtmlFragment(bool includePlotlyJs = true) => PlotlyHtml.Fragment(this, includePlotlyJs);

    /// <summary>A complete HTML page holding the chart, plotly.js and the data: opens offline.</summary>
    public string ToHtmlPage() => PlotlyHtml.Page(this);

    public void SaveHtml(string path) => AtomicFile.WriteAllText(path, ToHtmlPage());

    public void SavePng(string path) => AtomicFile.WriteAllBytes(path, ToPng());

    public override string ToString() =>
        $"{Title}: "
        + string.Join(
            "; ",
            series.Select(s =>
                $"{s.Name} ({s.Y.Length} points, last "
                + $"{(s.Y.Length > 0 ? s.Y[^1].ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "—")})"
            )
        );
}
