using System.Globalization;

namespace Dino.Repro.App.Reporting;

/// <summary>
/// Draws a <see cref="LinePlot"/> as pixels: frame, grid lines at round values with numeric labels, one polyline
/// per series in its colour, and a colour legend (swatches in series order; names are in the HTML version).
/// </summary>
internal static class PlotRasteriser
{
    private static readonly Rgb Grid = new(225, 228, 235);
    private static readonly Rgb Ink = new(60, 60, 60);
    private const int Left = 56,
        Right = 16,
        Top = 16,
        Bottom = 32,
        Scale = 2;

    public static RgbCanvas Draw(LinePlot plot)
    {
        var canvas = new RgbCanvas(plot.Width, plot.Height, Rgb.White);
        var (x0, x1) = Range(plot.Series.SelectMany(s => s.X));
        var (y0, y1) = Range(plot.Series.SelectMany(s => s.Y));
        int plotW = plot.Width - Left - Right,
            plotH = plot.Height - Top - Bottom;
        double Px(double x) => Left + (x - x0) / (x1 - x0) * plotW;
        double Py(double y) => Top + plotH - (y - y0) / (y1 - y0) * plotH;

        foreach (var t in Ticks(y0, y1))
        {
            canvas.Line(Left, Py(t), Left + plotW, Py(t), Grid);
            var label = Label(t);
            canvas.Text(Left - 6 - RgbCanvas.TextWidth(label, Scale), (int)Py(t) - 5, label, Ink, Scale);
        }
        foreach (var t in Ticks(x0, x1))
        {
            canvas.Line(Px(t), Top, Px(t), Top + plotH, Grid);
            var label = Label(t);
            canvas.Text((int)Px(t) - RgbCanvas.TextWidth(label, Scale) / 2, Top + plotH + 8, label, Ink, Scale);
        }
        canvas.Line(Left, Top, Left, Top + plotH, Ink);
        canvas.Line(Left, Top + plotH, Left + plotW, Top + plotH, Ink);

        foreach (var s in plot.Series)
        {
            (double x, double y)? previous = null;
            for (var i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i]))
                {
                    previous = null; // a gap, as plotly draws missing values
                    continue;
                }
                var point = (Px(s.X[i]), Py(s.Y[i]));
                if (previous is { } p)
                    canvas.Line(p.x, p.y, point.Item1, point.Item2, s.Colour, thickness: 2);
                else
                    canvas.FillRect((int)point.Item1 - 1, (int)point.Item2 - 1, 2, 2, s.Colour);
                previous = point;
            }
        }

        for (var i = 0; i < plot.Series.Count; i++)
        {
            canvas.FillRect(Left + plotW - 18, Top + 6 + i * 14, 12, 8, plot.Series[i].Colour);
        }
        return canvas;
    }

    /// <summary>The finite min and max, widened when empty or flat so the axis has a span.</summary>
    private static (double lo, double hi) Range(IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity,
            hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
                continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (lo > hi)
            return (0, 1);
        if (lo == hi)
            return (lo - 0.5, hi + 0.5);
        var pad = (hi - lo) * 0.04;
        return (lo - pad, hi + pad);
    }

    /// <summary>About five round values (1, 2 or 5 × 10ⁿ apart) inside [lo, hi].</summary>
    internal static IEnumerable<double> Ticks(double lo, double hi)
    {
        var raw = (hi - lo) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (var t = Math.Ceiling(lo / step) * step; t <= hi; t += step)
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    private static string Label(double v) => v.ToString("G3", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
