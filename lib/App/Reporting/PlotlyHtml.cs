using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dino.Repro.App.Reporting;

/// <summary>
/// The HTML of a <see cref="LinePlot"/>: a plotly.js chart whose data is inlined as JSON, with the static PNG as
/// fallback — shown until plotly draws, and kept (with a note saying so) when plotly.js is not installed.
/// </summary>
internal static class PlotlyHtml
{
    public const string FallbackNote = "Static plot: plotly.js is not installed, so this chart is not interactive.";

    /// <summary>The chart as plotly's JSON: traces (name, x, y, colour) and a layout with title and axis labels.</summary>
    public static JsonObject Spec(LinePlot plot)
    {
        static JsonArray Values(double[] v) => new(v.Select(x => double.IsFinite(x) ? JsonValue.Create(x) : null).ToArray<JsonNode?>());
        var data = new JsonArray(
            plot.Series.Select(s =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["type"] = "scatter",
                            ["mode"] = "lines",
                            ["name"] = s.Name,
                            ["x"] = Values(s.X),
                            ["y"] = Values(s.Y),
                            ["line"] = new JsonObject { ["color"] = s.Colour.ToHex() },
                        }
                )
                .ToArray()
        );
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = plot.Title },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = plot.XLabel } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = plot.YLabel } },
            ["height"] = plot.Height,
            ["margin"] = new JsonObject { ["t"] = 48, ["r"] = 16 },
        };
        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    public static string Fragment(LinePlot plot, bool includePlotlyJs) => Fragment(plot, includePlotlyJs, PlotlyJs.Source, PlotlyJs.WhyMissing);

    /// <summary>The fragment for a given plotly.js source (null: not installed, because <paramref name="whyMissing"/>).</summary>
    internal static string Fragment(LinePlot plot, bool includePlotlyJs, string? plotlySource, string? whyMissing)
    {
        var id = "dino-plot-" + Guid.NewGuid().ToString("N")[..12];
        // The default encoder escapes <, > and & as \u003C…, so the JSON cannot close the script element.
        var spec = Spec(plot).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        var fallback = Embeds.ImageTag(plot.ToPng(), plot.Title);
        var sb = new StringBuilder();
        sb.Append($"<div class=\"dino-plot\" id=\"{id}\">\n");
        sb.Append($"<script type=\"application/json\" class=\"dino-plot-data\">{spec}</script>\n");
        if (plotlySource is not { } plotly)
        {
            sb.Append(fallback).Append('\n');
            sb.Append($"<p class=\"dino-note\"><em>{Html.Escape(FallbackNote)}</em> {Html.Escape(whyMissing)}</p>\n");
            sb.Append("</div>\n");
            return sb.ToString();
        }
        sb.Append($"<div class=\"dino-plot-static\">{fallback}</div>\n");
        sb.Append($"<div class=\"dino-plot-chart\" style=\"width:100%;max-width:{plot.Width + 200}px\"></div>\n");
        if (includePlotlyJs)
            sb.Append("<script>").Append(plotly).Append("</script>\n");
        sb.Append("<script>(function () {\n");
        sb.Append($"  var root = document.getElementById('{id}');\n");
        sb.Append("  if (typeof Plotly === 'undefined') return;  // keeps the static image\n");
        sb.Append("  var spec = JSON.parse(root.querySelector('.dino-plot-data').textContent);\n");
        sb.Append("  root.querySelector('.dino-plot-static').style.display = 'none';\n");
        sb.Append("  Plotly.newPlot(root.querySelector('.dino-plot-chart'), spec.data, spec.layout, {responsive: true});\n");
        sb.Append("})();</script>\n");
        sb.Append("</div>\n");
        return sb.ToString();
    }

    public static string Page(LinePlot plot) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
        + $"<title>{Html.Escape(plot.Title)}</title>\n</head>\n<body>\n"
        + Fragment(plot, includePlotlyJs: true)
        + "</body>\n</html>\n";
}
