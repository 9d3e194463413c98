using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.IO;

namespace Dino.Repro.Training;

/// <summary>
/// A JSON-lines file (stylegan's stats.jsonl): one object per line, appended and flushed line by line so other
/// processes (a notebook, a test, <c>tail -f</c>) see each line as soon as it is written.
/// </summary>
public sealed class JsonlLog : IDisposable
{
    private StreamWriter? writer;

    /// <summary>Appends to <paramref name="path"/>; the file is created with the first line.</summary>
    public JsonlLog(string path) => Path = path;

    public string Path { get; }

    public void Append(JsonObject line)
    {
        writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true, NewLine = "\n" };
        writer.WriteLine(line.ToJsonString());
    }

    /// <summary>Every complete line; a torn last line (a killed writer) is skipped.</summary>
    public static IReadOnlyList<JsonObject> Read(string path)
    {
        var result = new List<JsonObject>();
        if (!File.Exists(path))
            return result;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var lines = text.Split('\n');
        // The text after the last newline is either empty or a line still being written.
        foreach (var line in lines.Take(lines.Length - 1))
        {
            if (line.Length == 0)
                continue;
            result.Add(JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"'{path}': a line is JSON null"));
        }
        return result;
    }

    /// <summary>
    /// Keeps only the lines whose "step" is at most <paramref name="step"/>: a resumed run rewrites what the killed one logged after its checkpoint.
    /// </summary>
    public static void KeepUpToStep(string path, long step)
    {
        if (!File.Exists(path))
            return;
        var kept = Read(path).Where(line => (long?)line["step"] <= step).Select(line => line.ToJsonString() + "\n");
        AtomicFile.WriteAllText(path, string.Concat(kept));
    }

    public void Dispose() => writer?.Dispose();
}
