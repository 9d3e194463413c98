using Dino.Repro.Torch;
namespace Dino.Repro.Training;

/// <summary>
/// Writes a file so that readers see either the old complete file or the new complete one, never a partial
/// write: the content goes to a temporary file in the same folder (a rename across file systems would copy),
/// is flushed to disk, then renamed over the target. A failure removes the temporary file and rethrows.
/// </summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a temporary path, then moves the result to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) stream.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));

    /// <summary>True for the temporary files <see cref="Write"/> makes (left behind only by a killed process).</summary>
    public static bool IsTemporary(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);
}
