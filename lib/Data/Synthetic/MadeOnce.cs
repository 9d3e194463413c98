namespace Dino.Repro.Data.Synthetic;

/// <summary>Makes an embedded corpus folder once: written in a temporary sibling and renamed into place.</summary>
public static class MadeOnce
{
    /// <summary>
    /// Runs <paramref name="write"/> into a temporary sibling of <paramref name="root"/> and renames it to root, unless
    /// root already holds <paramref name="manifestFile"/> (the last file a writer writes). A killed run never leaves half
    /// a corpus that looks complete; when another process wins the race, its folder is kept and ours deleted.
    /// </summary>
    public static void Folder(string root, string manifestFile, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(write);
        if (File.Exists(Path.Combine(root, manifestFile))) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(root))!);
        var temp = root + $".{Guid.NewGuid():N}.tmp";
        write(temp);
        try
        {
            Directory.Move(temp, root);
        }
        catch (IOException) when (File.Exists(Path.Combine(root, manifestFile)))
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
