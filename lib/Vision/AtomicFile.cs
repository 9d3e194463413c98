namespace Dino.Repro.Vision;

/// <summary>
/// Writes files so that readers never see a half-written one: the bytes go to a temporary file in the
/// target's folder, which is then renamed over the target (a rename within one file system is atomic).
/// </summary>
internal static class AtomicFile
{
    /// <summary>A unique temporary path next to <paramref name="path"/>, keeping its extension (ffmpeg picks formats by it).</summary>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(full)}");
    }

    /// <summary>Moves a finished temporary file over the target.</summary>
    public static void Commit(string tempPath, string path) => File.Move(tempPath, Path.GetFullPath(path), overwrite: true);

    public static void TryDelete(string tempPath)
    {
        try { File.Delete(tempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                stream.Write(bytes);
            Commit(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }
}
