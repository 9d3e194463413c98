using System.Globalization;
using System.Text;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>One spoken caption: which image and line, the text, the voice (its <see cref="Signal.Speech.SpeechVoice.Tag"/>) and the WAV.</summary>
/// <param name="RelativePath">The WAV below the cache root, with '/' separators.</param>
public sealed record Utterance(string ImageKey, int Line, string Text, string Voice, string RelativePath)
{
    /// <summary>The caption id: image key and line, e.g. <c>001.Black_footed_Albatross/Black_Footed_Albatross_0046_18#3</c>.</summary>
    public string CaptionId => $"{ImageKey}#{Line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// <c>manifest.tsv</c> of a speech cache: a header, then one utterance a line (caption id, voice, sample rate, WAV path,
/// text). It records which voice spoke each caption, and which text a cached WAV holds, so a changed caption is spoken
/// again instead of reused.
/// </summary>
public static class SpokenCaptionManifest
{
    public const string FileName = "manifest.tsv";
    private const string Header = "caption_id\tvoice\tsample_rate\tpath\ttext";

    public static void Write(string path, IEnumerable<Utterance> utterances, int sampleRate)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var u in utterances.OrderBy(u => u.RelativePath, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{u.CaptionId}\t{u.Voice}\t{sampleRate}\t{u.RelativePath}\t{u.Text}\n");
        IO.AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The utterances a manifest lists, by relative WAV path; an absent file is an empty manifest.</summary>
    public static Dictionary<string, Utterance> Read(string path)
    {
        var entries = new Dictionary<string, Utterance>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return entries;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 && line == Header)
                continue;
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            var hash = fields[0].LastIndexOf('#');
            if (
                fields.Length != 5
                || hash <= 0
                || !int.TryParse(fields[0].AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var captionLine)
            )
                throw new InvalidDataException($"{Path.GetFullPath(path)}:{lineNumber}: expected '{Header.Replace('\t', ' ')}', got '{line}'");
            entries[fields[3]] = new Utterance(fields[0][..hash], captionLine, fields[4], fields[1], fields[3]);
        }
        return entries;
    }
}
