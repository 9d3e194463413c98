namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>
/// The visible shape of the mouth, each part in [0, 1]: how far the jaw/lips are open, how wide the lips are
/// spread, and how far they are rounded (protruded, which also narrows them).
/// </summary>
public readonly record struct MouthShape(double Opening, double Width, double Rounding)
{
    /// <summary>Lips together and relaxed: the shape between words.</summary>
    public static MouthShape Rest { get; } = new(0.03, 0.5, 0.1);

    public static MouthShape Lerp(MouthShape a, MouthShape b, double t) =>
        new(a.Opening + (b.Opening - a.Opening) * t, a.Width + (b.Width - a.Width) * t, a.Rounding + (b.Rounding - a.Rounding) * t);
}

/// <summary>A phoneme as seen: its symbol, mouth shape and duration relative to a consonant.</summary>
public readonly record struct Viseme(string Symbol, MouthShape Shape, double RelativeDuration);

/// <summary>
/// Phonemes in espeak-ng's ASCII mnemonics (<c>espeak-ng -x</c>, e.g. <c>b'In bl'u:</c>) → a small viseme set,
/// the mouth shapes a viewer can tell apart (after the usual consonant groups of visual speech: bilabial,
/// labiodental, dental, alveolar, post-alveolar, velar/glottal, rounded approximants; vowels by openness and
/// rounding). Stress and length marks carry no shape of their own and are skipped.
/// </summary>
public static class Visemes
{
    private static readonly MouthShape Bilabial = new(0.0, 0.45, 0.15);
    private static readonly MouthShape Labiodental = new(0.12, 0.55, 0.0);
    private static readonly MouthShape Dental = new(0.3, 0.6, 0.0);
    private static readonly MouthShape Alveolar = new(0.22, 0.6, 0.0);
    private static readonly MouthShape PostAlveolar = new(0.25, 0.45, 0.6);
    private static readonly MouthShape Velar = new(0.38, 0.55, 0.0);
    private static readonly MouthShape Rounded = new(0.18, 0.3, 0.9);
    private static readonly MouthShape Spread = new(0.22, 0.85, 0.0);
    private static readonly MouthShape OpenVowel = new(1.0, 0.65, 0.0);
    private static readonly MouthShape MidVowel = new(0.65, 0.7, 0.0);
    private static readonly MouthShape CloseFrontVowel = new(0.35, 0.95, 0.0);
    private static readonly MouthShape BackRoundedVowel = new(0.5, 0.35, 0.9);

    // Longest symbols first, so "aI" is one diphthong rather than "a" + "I".
    private static readonly (string Symbol, MouthShape Shape)[] Table =
    [
        ("tS", PostAlveolar),
        ("dZ", PostAlveolar),
        ("aI", OpenVowel),
        ("aU", OpenVowel),
        ("eI", MidVowel),
        ("oU", BackRoundedVowel),
        ("OI", BackRoundedVowel),
        ("e@", MidVowel),
        ("i@", CloseFrontVowel),
        ("o@", BackRoundedVowel),
        ("U@", BackRoundedVowel),
        ("@L", MidVowel),
        ("p", Bilabial),
        ("b", Bilabial),
        ("m", Bilabial),
        ("f", Labiodental),
        ("v", Labiodental),
        ("T", Dental),
        ("D", Dental),
        ("t", Alveolar),
        ("d", Alveolar),
        ("n", Alveolar),
        ("l", Alveolar),
        ("s", Alveolar),
        ("z", Alveolar),
        ("L", Alveolar),
        ("S", PostAlveolar),
        ("Z", PostAlveolar),
        ("k", Velar),
        ("g", Velar),
        ("N", Velar),
        ("h", Velar),
        ("x", Velar),
        ("w", Rounded),
        ("r", Rounded),
        ("j", Spread),
        ("a", OpenVowel),
        ("A", OpenVowel),
        ("V", OpenVowel),
        ("0", OpenVowel),
        ("O", BackRoundedVowel),
        ("E", MidVowel),
        ("@", MidVowel),
        ("3", MidVowel),
        ("e", MidVowel),
        ("I", CloseFrontVowel),
        ("i", CloseFrontVowel),
        ("y", CloseFrontVowel),
        ("u", BackRoundedVowel),
        ("U", BackRoundedVowel),
        ("o", BackRoundedVowel),
    ];

    /// <summary>The phoneme symbols of espeak mnemonics, in order, marks dropped: <c>bl'u:</c> → b, l, u.</summary>
    public static IReadOnlyList<string> Tokenize(string mnemonics)
    {
        ArgumentNullException.ThrowIfNull(mnemonics);
        var symbols = new List<string>();
        var i = 0;
        while (i < mnemonics.Length)
        {
            var match = Table.FirstOrDefault(entry => string.CompareOrdinal(mnemonics, i, entry.Symbol, 0, entry.Symbol.Length) == 0);
            if (match.Symbol is null)
            {
                i++; // a stress (' ,), length (:) or syllable (#, -) mark
                continue;
            }
            symbols.Add(match.Symbol);
            i += match.Symbol.Length;
        }
        return symbols;
    }

    /// <summary>The mouth shape of one symbol from <see cref="Tokenize"/>.</summary>
    public static MouthShape Of(string symbol)
    {
        foreach (var (s, shape) in Table)
            if (s == symbol)
                return shape;
        throw new ArgumentException($"'{symbol}' is not a phoneme symbol of the viseme table", nameof(symbol));
    }

    /// <summary>The visemes of phoneme symbols, one per symbol.</summary>
    public static IReadOnlyList<Viseme> Of(IEnumerable<string> symbols) =>
        symbols.Select(symbol => new Viseme(symbol, Of(symbol), RelativeDuration(symbol))).ToArray();

    /// <summary>
    /// How long a symbol lasts relative to a consonant: vowels and diphthongs carry a syllable and last about
    /// twice as long (2.5), so a word's duration is shared in these proportions.
    /// </summary>
    public static double RelativeDuration(string symbol) => IsVowel(symbol) ? 2.5 : 1.0;

    private static bool IsVowel(string symbol) => symbol.Length > 0 && "aAV0OE@3eIiyuUo".Contains(symbol[0]);
}
