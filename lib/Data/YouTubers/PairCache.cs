using System.Text.Json;
using Dino.Repro.IO;

namespace Dino.Repro.Data.YouTubers;

/// <summary>
/// The extracted pairs of every video, kept on disk because extraction (decoding, face detection) is slow:
/// <c>&lt;cache&gt;/&lt;identity&gt;/&lt;video&gt;/&lt;index&gt;.png|wav</c> plus <c>&lt;identity&gt;/&lt;video&gt;.json</c>, the video's record
/// (source size and modification time, the pairs). A record is written last and atomically, so an interrupted run
/// leaves no record and that video is extracted again; a record whose source changed is redone too.
/// </summary>
internal sealed class PairCache(string folder, FaceSpeechExtractor extractor)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Folder { get; } = folder;

    private sealed record VideoRecord(string Source, long Bytes, long ModifiedUtcTicks, IReadOnlyList<ExtractedPair> Pairs);

    /// <summary>The pairs of <paramref name="video"/> and the folder holding their files, extracting them if not cached.</summary>
    public (IReadOnlyList<ExtractedPair> Pairs, string PairFolder) Get(SourceVideo video)
    {
        var pairFolder = Path.Combine(Folder, video.Identity, video.Name);
        var recordPath = pairFolder + ".json";
        var source = new FileInfo(video.Path);
        if (
            Read(recordPath) is { } cached
            && cached.Bytes == source.Length
            && cached.ModifiedUtcTicks == source.LastWriteTimeUtc.Ticks
            && cached.Pairs.All(p => File.Exists(Path.Combine(pairFolder, p.FaceFile)) && File.Exists(Path.Combine(pairFolder, p.SpeechFile)))
        )
            return (cached.Pairs, pairFolder);

        if (Directory.Exists(pairFolder))
            Directory.Delete(pairFolder, recursive: true);
        var pairs = extractor.Extract(video.Path, pairFolder);
        var record = new VideoRecord(video.Path, source.Length, source.LastWriteTimeUtc.Ticks, pairs);
        AtomicFile.WriteAllText(recordPath, JsonSerializer.Serialize(record, Json));
        return (pairs, pairFolder);
    }

    private static VideoRecord? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<VideoRecord>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null; // a damaged record is redone, like a missing one
        }
    }

    /// <summary>Writes <c>manifest.json</c>: the options and every pair with its identity, label and split.</summary>
    public void WriteManifest(string sourceRoot, YouTubersOptions options, IReadOnlyList<FacePair> pairs)
    {
        var manifest = new
        {
            corpus = "youtubers",
            source = Path.GetFullPath(sourceRoot),
            options,
            identities = pairs.Select(p => new { name = p.Identity, label = p.Label }).Distinct(),
            pairs = pairs.Select(p => new
            {
                identity = p.Identity,
                label = p.Label,
                video = p.Video,
                split = p.Split.Label(),
                index = p.Pair.Index,
                centre_seconds = p.Pair.CentreSeconds,
                box = new[] { p.Pair.X, p.Pair.Y, p.Pair.Width, p.Pair.Height },
                face = Path.GetRelativePath(Folder, p.FacePath),
                speech = Path.GetRelativePath(Folder, p.SpeechPath),
            }),
        };
        AtomicFile.WriteAllText(Path.Combine(Folder, "manifest.json"), JsonSerializer.Serialize(manifest, Json));
    }
}
