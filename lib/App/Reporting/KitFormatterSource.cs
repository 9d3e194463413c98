namespace Dino.Repro.App.Reporting;

/// <summary>The convention-based formatters (MimeType + Format(object, TextWriter)) for the kit's report types.</summary>
internal sealed class KitFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new HtmlFormatter();
    }

    internal sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            var html = instance switch
            {
                Table t => t.ToHtml(),
                PaperVsKitTable c => c.ToTable().ToHtml(),
                LinePlot p => p.ToHtmlFragment(),
                Media m => m.ToHtml(),
                _ => null,
            };
            if (html is null)
                return false;
            writer.Write(html);
            return true;
        }
    }
}
