using System.Text;
using Dino.Repro.IO;

namespace Dino.Repro.App.Reporting;

/// <summary>
/// A self-contained HTML page: headings, text, tables, plots, image grids, audio players, videos and links.
/// Everything is inlined (plotly.js once in the head, media as data URIs), so the page opens offline and can be
/// copied alone; <see cref="Save"/> writes it atomically.
/// </summary>
public sealed class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        caption { font-weight: 600; text-align: left; padding-bottom: .4em; }
        th, td { border-bottom: 1px solid #ddd; padding: .3em .8em; }
        .dino-grid { display: grid; gap: .6em; margin: 1em 0; }
        figure { margin: 0; } figcaption { font-size: .85em; color: #555; }
        .dino-grid img { width: 100%; image-rendering: pixelated; }
        .dino-note { color: #8a5a00; }
        """;

    private readonly List<string> parts = new();
    private bool hasPlots;

    public HtmlReport(string title) => Title = title;

    public string Title { get; }

    public HtmlReport Heading(string text, int level = 2)
    {
        if (level is < 1 or > 6)
            throw new ArgumentOutOfRangeException(nameof(level), level, "heading level is 1 to 6");
        parts.Add($"<h{level}>{Html.Escape(text)}</h{level}>");
        return this;
    }

    public HtmlReport Paragraph(string text)
    {
        parts.Add($"<p>{Html.Escape(text)}</p>");
        return this;
    }

    public HtmlReport Add(Table table)
    {
        parts.Add(table.ToHtml());
        return this;
    }

    public HtmlReport Add(PaperVsKitTable table) => Add(table.ToTable());

    public HtmlReport Add(LinePlot plot)
    {
        hasPlots = true;
        parts.Add(plot.ToHtmlFragment(includePlotlyJs: false)); // the page's head holds plotly.js once
        return this;
    }

    /// <summary>PNG images in a grid of <paramref name="columns"/> columns, each with a caption.</summary>
    public HtmlReport ImageGrid(IEnumerable<(string caption, byte[] png)> images, int columns = 4)
    {
        if (columns < 1)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "at least one column");
        var sb = new StringBuilder($"<div class=\"dino-grid\" style=\"grid-template-columns: repeat({columns}, 1fr)\">\n");
        foreach (var (caption, png) in images)
        {
            sb.Append("<figure>")
                .Append(Embeds.ImageTag(png, caption))
                .Append("<figcaption>")
                .Append(Html.Escape(caption))
                .Append("</figcaption></figure>\n");
        }
        parts.Add(sb.Append("</div>").ToString());
        return this;
    }

    public HtmlReport Audio(string caption, byte[] wav) => Figure(caption, Embeds.AudioTag(wav));

    public HtmlReport Video(string caption, byte[] mp4) => Figure(caption, Embeds.VideoTag(mp4));

    /// <summary>A link to another file (e.g. a run's log or checkpoint), typically relative to the report.</summary>
    public HtmlReport Link(string text, string href)
    {
        parts.Add($"<p><a href=\"{Html.Escape(href)}\">{Html.Escape(text)}</a></p>");
        return this;
    }

    /// <summary>HTML written by the caller, inserted as is.</summary>
    public HtmlReport RawHtml(string html)
    {
        parts.Add(html);
        return this;
    }

    public string ToHtml()
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        sb.Append("<title>").Append(Html.Escape(Title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n");
        if (hasPlots && PlotlyJs.Source is { } plotly)
            sb.Append("<script>").Append(plotly).Append("</script>\n");
        sb.Append("</head>\n<body>\n<h1>").Append(Html.Escape(Title)).Append("</h1>\n");
        foreach (var part in parts)
            sb.Append(part).Append('\n');
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());

    private HtmlReport Figure(string caption, string element)
    {
        parts.Add($"<figure>{element}<figcaption>{Html.Escape(caption)}</figcaption></figure>");
        return this;
    }
}
