namespace Dino.Repro.Data;

/// <summary>
/// A folder that is made once and then only read (the embedded corpora cached under the data root): it is written in a
/// temporary sibling and renamed into place, so a killed run never leaves half a folder that looks complete, and two
/// processes making it at once both end up with one complete copy.
/// </summary>
public static class MadeOnceFolder
{
    /// <summary>
    /// Makes <paramref name="root"/> with <paramref name="write"/> unless it already holds <paramref name="completeMarker"/>
    /// (a file the writer creates last); returns <paramref name="root"/>.
    /// </summary>
    public static string Ensure(string root, string completeMarker, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(write);
        var marker = Path.Combine(root, completeMarker);
        if (File.Exists(marker))
            return root;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(root))!);
        var temp = root + $".{Guid.NewGuid():N}.tmp";
        write(temp);
        try
        {
            Directory.Move(temp, root);
        }
        catch (IOException) when (File.Exists(marker))
        {
            Directory.Delete(temp, recursive: true); // another process made it first
        }
        return root;
    }
}
