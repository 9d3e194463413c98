namespace Dino.Repro.Data.Grid;

/// <summary>
/// Where GRID's files lie under the corpus root (<c>&lt;data root&gt;/grid/raw</c>, as data-scripts/grid.sh unpacks
/// the Sheffield archives): per speaker <c>s&lt;N&gt;/&lt;id&gt;.mpg</c> (the "normal" video zip's own <c>s&lt;N&gt;/</c>
/// folder), <c>s&lt;N&gt;/&lt;id&gt;.wav</c> (the 50 kHz audio tar's <c>s&lt;N&gt;/</c> folder) and
/// <c>s&lt;N&gt;/align/&lt;id&gt;.align</c> (the alignment tar's <c>align/</c> folder, unpacked into <c>s&lt;N&gt;</c> because
/// every speaker's tar uses the same folder and ids repeat across speakers). Ids are six letters/digits, e.g.
/// <c>bbaf2n</c>: the initials of command, colour, preposition, the letter, the digit (<c>z</c> for zero) and adverb.
/// </summary>
public static class GridLayout
{
    /// <summary>GRID's speakers are s1…s34.</summary>
    public const int SpeakerCount = 34;

    /// <summary>Speaker 21 was recorded without video.</summary>
    public const int SpeakerWithoutVideo = 21;

    public const string VideoExtension = ".mpg";
    public const string AudioExtension = ".wav";
    public const string AlignmentExtension = ".align";
    public const string AlignmentFolder = "align";

    /// <summary>The 33 speakers with video, in number order.</summary>
    public static IReadOnlyList<int> SpeakersWithVideo { get; } = Enumerable.Range(1, SpeakerCount).Where(s => s != SpeakerWithoutVideo).ToArray();

    public static string SpeakerFolder(int speaker) => $"s{CheckSpeaker(speaker)}";

    public static string VideoPath(string root, int speaker, string id) => Path.Combine(root, SpeakerFolder(speaker), CheckId(id) + VideoExtension);

    public static string AudioPath(string root, int speaker, string id) => Path.Combine(root, SpeakerFolder(speaker), CheckId(id) + AudioExtension);

    public static string AlignmentPath(string root, int speaker, string id) =>
        Path.Combine(root, SpeakerFolder(speaker), AlignmentFolder, CheckId(id) + AlignmentExtension);

    /// <summary>The GRID id of a sentence (six words in grammar order): e.g. "bin blue at f two now" → <c>bbaf2n</c>.</summary>
    public static string IdOf(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (!GridGrammar.IsSentence(words))
            throw new ArgumentException($"not a GRID sentence: \"{string.Join(' ', words)}\"", nameof(words));
        var digit = GridGrammar.Digits.ToList().IndexOf(words[4]);
        var digitChar = digit == 0 ? 'z' : (char)('0' + digit);
        return $"{words[0][0]}{words[1][0]}{words[2][0]}{words[3][0]}{digitChar}{words[5][0]}";
    }

    private static int CheckSpeaker(int speaker) =>
        speaker is >= 1 and <= SpeakerCount
            ? speaker
            : throw new ArgumentOutOfRangeException(nameof(speaker), speaker, $"GRID speakers are 1..{SpeakerCount}");

    private static string CheckId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Any(c => !char.IsAsciiLetterOrDigit(c)))
            throw new ArgumentException($"a GRID id is letters and digits, got '{id}'", nameof(id));
        return id;
    }
}
