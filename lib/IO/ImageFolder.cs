namespace Dino.Repro.IO;

/// <summary>The images of a folder a distribution metric reads: PNG/JPEG/BMP files, top level, in ordinal name order.</summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp" };

    public static IReadOnlyList<string> Files(string folder) => MediaFolder.Files(folder, Extensions, "images");
}
