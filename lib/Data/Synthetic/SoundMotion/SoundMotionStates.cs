using System.Text.Json;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// A clip's ground-truth picture state per video frame (&lt;source&gt;.states.json): the field names and one row per
/// frame, frame k drawn from row k. A sync-error metric compares what a generator draws against these.
/// </summary>
public sealed record SoundMotionStates(string Source, string Column, double Fps, IReadOnlyList<string> Fields, IReadOnlyList<double[]> Frames)
{
    public static string PathOf(string root, string source) => Path.Combine(root, source + ".states.json");

    public static void Write(string root, ISoundMotionSource source, SoundMotionOptions options, SoundMotionTrack track)
    {
        var document = new
        {
            source = source.Name,
            column = source.Column,
            fps = options.Fps,
            fields = track.Fields,
            frames = track.States.Select(row => row.Select(v => Math.Round(v, 6))),
        };
        AtomicFile.WriteAllText(PathOf(root, source.Name), JsonSerializer.Serialize(document));
    }

    /// <summary>Reads &lt;root&gt;/&lt;source&gt;.states.json; a missing or malformed file is named in the error.</summary>
    public static SoundMotionStates Read(string root, string source)
    {
        var path = PathOf(root, source);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"no per-frame states for '{source}': {path} is missing (make the corpus: dino corpus make sound-motion)",
                path
            );
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var top = document.RootElement;
            var fields = top.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray();
            var frames = top.GetProperty("frames")
                .EnumerateArray()
                .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray())
                .ToArray();
            if (frames.Any(row => row.Length != fields.Length))
                throw new InvalidDataException($"{path}: every frame must hold the {fields.Length} fields {string.Join(", ", fields)}");
            return new SoundMotionStates(
                top.GetProperty("source").GetString()!,
                top.GetProperty("column").GetString()!,
                top.GetProperty("fps").GetDouble(),
                fields,
                frames
            );
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a Sound-motion states file: {e.Message}", e);
        }
    }
}
