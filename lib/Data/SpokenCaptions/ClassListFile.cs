namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// The class lists of Reed et al.'s caption archives (<c>trainvalclasses.txt</c>, <c>testclasses.txt</c>): one class
/// folder name a line, e.g. <c>001.Black_footed_Albatross</c> or <c>class_00001</c>.
/// </summary>
public static class ClassListFile
{
    public const string TrainFile = "trainvalclasses.txt";
    public const string TestFile = "testclasses.txt";

    /// <summary>The file a split's classes are listed in.</summary>
    public static string FileOf(CaptionSplit split) => split == CaptionSplit.Train ? TrainFile : TestFile;

    public static IReadOnlyList<string> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"class list not found: {full}", full);
        var names = File.ReadAllLines(full).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (names.Length == 0)
            throw new InvalidDataException($"{full}: the class list is empty");
        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidDataException($"{full}: class '{twice.Key}' is listed twice");
        return names;
    }

    public static void Write(string path, IEnumerable<string> names) => IO.AtomicFile.WriteAllText(path, string.Join('\n', names) + "\n");
}

/// <summary>
/// The class-disjoint splits of the captioned corpora: train = Reed et al.'s <c>trainvalclasses.txt</c> (CUB 150 classes,
/// Oxford-102 82), test = <c>testclasses.txt</c> (CUB 50, Oxford-102 20), the split StackGAN and the speech-to-image
/// paper use.
/// </summary>
public enum CaptionSplit
{
    Train,
    Test,
}
