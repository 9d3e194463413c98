using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.IO;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// An .ipynb file (nbformat 4) as its JSON tree, so metadata the runner does not know survives a round trip.
/// Helpers read and write the parts the runner uses: cells, sources, tags, languages, outputs.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        IndentSize = 1, // as Jupyter writes notebooks
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keeps HTML outputs readable; the file is JSON, not HTML
    };

    private NotebookDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonArray Cells => Root["cells"]!.AsArray();

    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no such notebook: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static NotebookDocument Parse(string json, string name = "notebook")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name} is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj || obj["cells"] is not JsonArray cells)
            throw new InvalidDataException($"{name} is not a notebook (no \"cells\" array)");
        if (obj["nbformat"]?.GetValue<int>() is { } major && major != 4)
            throw new InvalidDataException($"{name} is nbformat {major}; the runner reads nbformat 4");
        foreach (var cell in cells)
        {
            if (cell is not JsonObject c || c["cell_type"]?.GetValue<string>() is null)
                throw new InvalidDataException($"{name}: every cell needs a cell_type");
        }
        return new NotebookDocument(obj);
    }

    public NotebookDocument Clone() => new(Root.DeepClone().AsObject());

    public string ToJson() => Root.ToJsonString(Written) + "\n";

    /// <summary>Writes the notebook atomically (a reader never sees half a file).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    public static string CellType(JsonObject cell) => cell["cell_type"]!.GetValue<string>();

    /// <summary>A cell's source, which nbformat stores as one string or as a list of lines.</summary>
    public static string Source(JsonObject cell) => MultilineText(cell["source"]);

    public static string MultilineText(JsonNode? node) =>
        node switch
        {
            null => "",
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
            _ => node.GetValue<string>(),
        };

    /// <summary>Text as nbformat's list of lines, each but the last keeping its "\n".</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            array.Add(text[start..next]);
            start = next;
        }
        return array;
    }

    public static bool HasTag(JsonObject cell, string tag) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == tag);

    /// <summary>A C# code cell as Polyglot Notebooks writes it.</summary>
    public static JsonObject NewCodeCell(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0)
            metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = Lines(source),
        };
    }

    public static JsonObject NewMarkdownCell(string source) =>
        new()
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new JsonObject(),
            ["source"] = Lines(source),
        };

    /// <summary>An empty notebook with the kernelspec and metadata Polyglot Notebooks expects.</summary>
    public static NotebookDocument NewPolyglot(IEnumerable<JsonObject> cells) =>
        new(
            new JsonObject
            {
                ["cells"] = new JsonArray(cells.Cast<JsonNode>().ToArray()),
                ["metadata"] = new JsonObject
                {
                    ["kernelspec"] = new JsonObject
                    {
                        ["display_name"] = ".NET (C#)",
                        ["language"] = "C#",
                        ["name"] = ".net-csharp",
                    },
                    ["language_info"] = new JsonObject
                    {
                        ["name"] = "C#",
                        ["file_extension"] = ".cs",
                        ["mimetype"] = "text/x-csharp",
                        ["pygments_lexer"] = "csharp",
                    },
                    ["polyglot_notebook"] = new JsonObject
                    {
                        ["kernelInfo"] = new JsonObject
                        {
                            ["defaultKernelName"] = "csharp",
                            ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                        },
                    },
                },
                ["nbformat"] = 4,
                ["nbformat_minor"] = 5,
            }
        );
}
