using System.Globalization;
using System.Text;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Grid;

/// <summary>One aligned token of a GRID <c>.align</c> file, times in seconds from the start of the utterance.</summary>
public sealed record GridWord(string Word, double StartSeconds, double EndSeconds)
{
    /// <summary>True for the silence/pause tokens (<c>sil</c>, <c>sp</c>) that are not words of the sentence.</summary>
    public bool IsPause => GridAlignment.PauseTokens.Contains(Word);
}

/// <summary>
/// GRID word alignments (Cooke et al. 2006): one "start end token" line per token, e.g. <c>23750 29500 bin</c>.
/// Times are integers in units of 1/25,000 s — 1/1000 of a 25 fps video frame (so <c>start / 1000</c> is the video
/// frame index, as lip-reading code reads them), equal to one sample of 25 kHz audio. A 3 s utterance ends at
/// 75,000. Every file opens and closes with <c>sil</c>; <c>sp</c> marks a short pause between words.
/// </summary>
public static class GridAlignment
{
    /// <summary>Alignment time units per second.</summary>
    public const int UnitsPerSecond = 25_000;

    /// <summary>Alignment units per 25 fps video frame.</summary>
    public const int UnitsPerFrame = 1_000;

    public static IReadOnlySet<string> PauseTokens { get; } = new HashSet<string>(StringComparer.Ordinal) { "sil", "sp" };

    /// <summary>Reads every token (pauses included) of an <c>.align</c> file; errors name the file and line.</summary>
    public static IReadOnlyList<GridWord> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"GRID alignment not found: {path}", path);
        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>The sentence words of a file: its tokens without <c>sil</c>/<c>sp</c>.</summary>
    public static IReadOnlyList<GridWord> ReadWords(string path) => Read(path).Where(w => !w.IsPause).ToArray();

    /// <summary>Parses alignment lines; <paramref name="source"/> names them in errors.</summary>
    public static IReadOnlyList<GridWord> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var tokens = new List<GridWord>();
        var number = 0;
        long previousEnd = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3)
                throw Bad(source, number, raw, "expected three fields \"start end word\"");
            if (
                !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            )
                throw Bad(source, number, raw, "start and end must be non-negative integers (units of 1/25000 s)");
            if (end < start)
                throw Bad(source, number, raw, $"the token ends ({end}) before it starts ({start})");
            if (start < previousEnd)
                throw Bad(source, number, raw, $"the token starts ({start}) before the previous one ends ({previousEnd})");
            previousEnd = end;
            tokens.Add(new GridWord(fields[2], (double)start / UnitsPerSecond, (double)end / UnitsPerSecond));
        }
        if (tokens.Count == 0)
            throw new InvalidDataException($"{source}: the alignment holds no tokens");
        return tokens;
    }

    /// <summary>
    /// The text of an <c>.align</c> file for <paramref name="words"/> (times in seconds, rounded to the nearest unit),
    /// with <c>sil</c> from 0 to the first word and from the last word to <paramref name="totalSeconds"/>, and
    /// <c>sp</c> filling gaps between words.
    /// </summary>
    public static string Format(IReadOnlyList<GridWord> words, double totalSeconds)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = new StringBuilder();
        long cursor = 0;
        void Line(long start, long end, string token) => text.Append(CultureInfo.InvariantCulture, $"{start} {end} {token}\n");
        foreach (var word in words)
        {
            var start = ToUnits(word.StartSeconds);
            var end = ToUnits(word.EndSeconds);
            if (start < cursor || end < start)
                throw new ArgumentException($"words must be in time order without overlap: '{word.Word}' at {word.StartSeconds}–{word.EndSeconds} s");
            if (start > cursor)
                Line(cursor, start, cursor == 0 ? "sil" : "sp");
            Line(start, end, word.Word);
            cursor = end;
        }
        var total = ToUnits(totalSeconds);
        if (total < cursor)
            throw new ArgumentException($"the utterance ({totalSeconds} s) ends before its last word ({(double)cursor / UnitsPerSecond} s)");
        if (total > cursor)
            Line(cursor, total, "sil");
        return text.ToString();
    }

    /// <summary>Writes <see cref="Format"/>'s text atomically.</summary>
    public static void Write(string path, IReadOnlyList<GridWord> words, double totalSeconds) =>
        AtomicFile.WriteAllText(path, Format(words, totalSeconds));

    private static long ToUnits(double seconds) => (long)Math.Round(seconds * UnitsPerSecond, MidpointRounding.AwayFromZero);

    private static InvalidDataException Bad(string source, int line, string text, string problem) =>
        new($"{source}, line {line} (\"{text.Trim()}\"): {problem}");
}
