namespace Dino.Repro.IO;

/// <summary>
/// Writes files so that readers see either the old complete file or the new complete one, never a partial
/// write: the content goes to a temporary file in the target's folder (a rename within one file system is
/// atomic; across file systems it would copy), is flushed to disk, then renamed over the target. A failure
/// removes the temporary file and rethrows. Every writer in the kit (weights, checkpoints, logs, images,
/// audio, videos, notebooks, reports) goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through a stream opened on the temporary file.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
        });
    }

    /// <summary>
    /// Lets <paramref name="write"/> create the temporary file itself (a tool that takes a path, e.g. ffmpeg);
    /// with <paramref name="keepExtension"/> the temporary name ends in the target's extension, for tools
    /// that choose the format by it.
    /// </summary>
    public static void WriteVia(string path, Action<string> write, bool keepExtension = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPathFor(path, keepExtension);
        try
        {
            write(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                stream.Flush(flushToDisk: true);
            Commit(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    public static void WriteAllText(string path, string text) => Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>A unique temporary path beside <paramref name="path"/> (its folder is created if missing).</summary>
    public static string TempPathFor(string path, bool keepExtension = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var name = keepExtension
            ? $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}"
            : $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp";
        return Path.Combine(folder, name);
    }

    /// <summary>Moves a finished temporary file over the target.</summary>
    public static void Commit(string tempPath, string path) => File.Move(tempPath, Path.GetFullPath(path), overwrite: true);

    public static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>True for the temporary files this class makes (left behind only by a killed process).</summary>
    public static bool IsTemporary(string fileName) => fileName.StartsWith('.') && fileName.Contains(".tmp", StringComparison.Ordinal);
}
