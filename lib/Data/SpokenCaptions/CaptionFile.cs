namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// One caption file of Reed et al.'s <c>text_c10</c> layout (<c>text_c10/&lt;class&gt;/&lt;image&gt;.txt</c>): one caption a
/// line, <see cref="CaptionsPerImage"/> per image. Blank lines are skipped and the "\ufffd\ufffd" pairs some CUB files
/// carry (a broken encoding of one character) become a space, as the StackGAN loaders do; tabs become spaces too (the
/// speech manifest is tab-separated).
/// </summary>
public static class CaptionFile
{
    /// <summary>Every image of CUB-200 and Oxford-102 has ten captions (the "c10").</summary>
    public const int CaptionsPerImage = 10;

    /// <summary>Reads the captions; a missing file or another count than ten raises an error naming the file.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"caption file not found: {full}", full);
        var captions = File.ReadAllLines(full)
            .Select(line => line.Replace("\ufffd\ufffd", " ", StringComparison.Ordinal).Replace('\t', ' ').Trim())
            .Where(line => line.Length > 0)
            .ToArray();
        if (captions.Length != CaptionsPerImage)
            throw new InvalidDataException($"{full}: expected {CaptionsPerImage} captions (one a line), found {captions.Length}");
        return captions;
    }

    /// <summary>Writes captions in the same layout (the embedded corpora use it).</summary>
    public static void Write(string path, IReadOnlyList<string> captions)
    {
        ArgumentNullException.ThrowIfNull(captions);
        if (captions.Count != CaptionsPerImage || captions.Any(c => string.IsNullOrWhiteSpace(c) || c.Contains('\n')))
            throw new ArgumentException($"a caption file holds {CaptionsPerImage} non-empty one-line captions", nameof(captions));
        IO.AtomicFile.WriteAllText(path, string.Join('\n', captions) + "\n");
    }
}
