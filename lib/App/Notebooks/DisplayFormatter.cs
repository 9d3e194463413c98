using System.Collections;
using Dino.Repro.App.Reporting;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Renders a value as .NET Interactive would show it: kit tables and plots as HTML, PNG bytes as image/png,
/// WAV and MP4 bytes as HTML players, everything else (tensors included) as text/plain. One instance per
/// notebook run: the first plot carries plotly.js and later ones reuse it.
/// </summary>
public sealed class DisplayFormatter
{
    private bool plotlyEmitted;

    public MimeBundle Format(object? value)
    {
        var bundle = new MimeBundle();
        switch (value)
        {
            case null:
                return bundle.Add("text/plain", "<null>");
            case HtmlString html:
                return bundle.Add("text/html", html.Html);
            case Table table:
                return bundle.Add("text/html", table.ToHtml()).Add("text/plain", table.ToMarkdown());
            case PaperVsKitTable comparison:
                return Format(comparison.ToTable());
            case LinePlot plot:
                // Output cells of one notebook share a page in VS Code, so plotly.js is inlined once per run.
                bundle.Add("text/html", plot.ToHtmlFragment(includePlotlyJs: !plotlyEmitted)).Add("text/plain", plot.ToString());
                plotlyEmitted |= PlotlyJs.IsAvailable;
                return bundle;
            case Media media:
                return FormatMedia(media);
            case byte[] bytes when Media.Detect(bytes) is { } detected:
                return FormatMedia(detected);
            case string text:
                return bundle.Add("text/plain", text);
            case Tensor tensor:
                return bundle.Add("text/plain", TensorRepr.Format(tensor));
            case IEnumerable sequence when value is not Tensor:
                return bundle.Add("text/plain", FormatSequence(sequence));
            default:
                return bundle.Add("text/plain", value.ToString() ?? "");
        }
    }

    private static MimeBundle FormatMedia(Media media)
    {
        var bundle = new MimeBundle().Add("text/plain", media.ToString());
        return media.MimeType == Media.PngType
            ? bundle.Add("image/png", Convert.ToBase64String(media.Bytes))
            : bundle.Add("text/html", media.ToHtml());
    }

    private static string FormatSequence(IEnumerable sequence)
    {
        const int Shown = 100;
        var items = sequence.Cast<object?>().Take(Shown + 1).Select(x => x?.ToString() ?? "null").ToList();
        var more = items.Count > Shown ? ", …" : "";
        return "[" + string.Join(", ", items.Take(Shown)) + more + "]";
    }
}

/// <summary>Markup to show as is (what <c>HTML("…")</c> returns, as in .NET Interactive).</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}
