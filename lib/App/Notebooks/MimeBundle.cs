using System.Text.Json.Nodes;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// One rendered value in several representations keyed by MIME type (text/plain, text/html, image/png as
/// base64), as Jupyter front ends expect: each shows the richest type it supports.
/// </summary>
public sealed class MimeBundle
{
    private readonly SortedDictionary<string, string> data = new(StringComparer.Ordinal);

    public MimeBundle Add(string mimeType, string content)
    {
        data[mimeType] = content;
        return this;
    }

    public IReadOnlyDictionary<string, string> Data => data;

    public string? this[string mimeType] => data.GetValueOrDefault(mimeType);

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (type, content) in data)
        {
            // Text types as nbformat's list of lines; binary (base64) types as one string.
            json[type] = type.StartsWith("text/", StringComparison.Ordinal) ? NotebookDocument.Lines(content) : JsonValue.Create(content);
        }
        return json;
    }
}
