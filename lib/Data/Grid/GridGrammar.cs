namespace Dino.Repro.Data.Grid;

/// <summary>
/// The GRID corpus sentence grammar (Cooke et al. 2006): command, colour, preposition, letter, digit, adverb —
/// e.g. "bin blue at f two now". 4 + 4 + 4 + 25 + 10 + 4 = 51 words; the letter slot has every letter but "w"
/// (its name has three syllables). The embedded spoken corpora and the GRID recogniser all use this one definition.
/// </summary>
public static class GridGrammar
{
    public static IReadOnlyList<string> Commands { get; } = ["bin", "lay", "place", "set"];
    public static IReadOnlyList<string> Colours { get; } = ["blue", "green", "red", "white"];
    public static IReadOnlyList<string> Prepositions { get; } = ["at", "by", "in", "with"];
    public static IReadOnlyList<string> Letters { get; } = Enumerable.Range('a', 26).Select(c => ((char)c).ToString()).Where(l => l != "w").ToArray();
    public static IReadOnlyList<string> Digits { get; } = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    public static IReadOnlyList<string> Adverbs { get; } = ["again", "now", "please", "soon"];

    /// <summary>The six slots in sentence order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Slots { get; } = [Commands, Colours, Prepositions, Letters, Digits, Adverbs];

    /// <summary>All 51 words, slot by slot (the recogniser's vocabulary order).</summary>
    public static IReadOnlyList<string> Vocabulary { get; } = Slots.SelectMany(slot => slot).ToArray();

    /// <summary>One sentence drawn uniformly per slot from <paramref name="random"/> (deterministic for a seeded Random).</summary>
    public static string[] Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Slots.Select(slot => slot[random.Next(slot.Count)]).ToArray();
    }

    /// <summary>True when <paramref name="words"/> is a grammatical GRID sentence (six words, each from its slot).</summary>
    public static bool IsSentence(IReadOnlyList<string> words) =>
        words.Count == Slots.Count && words.Select((word, i) => Slots[i].Contains(word)).All(ok => ok);
}
