namespace Dino.Repro.Metrics.Features;

/// <summary>The images of a folder a distribution metric reads: PNG/JPEG/BMP files, top level, in ordinal name order.</summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp" };

    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"no such folder: {folder}");
        var files = Directory.GetFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && !IO.AtomicFile.IsTemporary(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new ArgumentException($"{folder} holds no images (.png, .jpg, .jpeg, .bmp)");
    }
}
