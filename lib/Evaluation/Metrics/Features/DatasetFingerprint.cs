using System.Security.Cryptography;
using System.Text;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// The key of cached statistics, as stylegan2-ada names its dataset-statistics cache: a SHA-256 over the image
/// files (name, size, last write time), the evaluator file's contents and the options. Any changed, added or
/// removed image, another evaluator or other options give another key, so stale statistics are never read.
/// </summary>
public static class DatasetFingerprint
{
    public static string Of(IReadOnlyList<string> files, string evaluatorPath, string options)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Append(Path.GetFileName(file)).Append('\t').Append(info.Length).Append('\t').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        text.Append("evaluator\t").Append(FileHash(evaluatorPath)).Append('\n');
        text.Append("options\t").Append(options).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>SHA-256 of a file's bytes (the evaluator: a replaced network invalidates the cache).</summary>
    public static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
