namespace Dino.Repro.Metrics.Video;

/// <summary>The videos of a folder a distribution metric (fvd-videos) reads: top level, in ordinal name order.</summary>
public static class VideoFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".avi", ".mkv", ".mov", ".webm" };

    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"no such folder: {folder}");
        var files = Directory.GetFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && !IO.AtomicFile.IsTemporary(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new ArgumentException($"{folder} holds no videos ({string.Join(", ", Extensions)})");
    }
}
