namespace Dino.Repro.IO;

/// <summary>The files of a folder a set metric reads: top level, the given extensions, no half-written temporaries, ordinal name order.</summary>
public static class MediaFolder
{
    public static IReadOnlyList<string> Files(string folder, IReadOnlySet<string> extensions, string what)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"no such folder: {folder}");
        var files = Directory
            .GetFiles(folder)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !IO.AtomicFile.IsTemporary(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new ArgumentException($"{folder} holds no {what} ({string.Join(", ", extensions)})");
    }
}
