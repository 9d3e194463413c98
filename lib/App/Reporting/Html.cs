using System.Net;

namespace Dino.Repro.App.Reporting;

/// <summary>Escaping for text placed inside HTML elements and attributes.</summary>
internal static class Html
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
