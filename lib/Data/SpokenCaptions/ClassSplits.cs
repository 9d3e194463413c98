namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>Which classes are in which split, read from a folder holding the two class lists (see <see cref="ClassListFile"/>).</summary>
public sealed class ClassSplits
{
    private readonly HashSet<string> train,
        test;

    private ClassSplits(HashSet<string> train, HashSet<string> test) => (this.train, this.test) = (train, test);

    /// <summary>
    /// Reads <c>trainvalclasses.txt</c> and <c>testclasses.txt</c> from <paramref name="folder"/>; a class the corpus does
    /// not have, or one listed in both, raises an error naming the file.
    /// </summary>
    public static ClassSplits Read(string folder, IReadOnlyCollection<string> knownClasses)
    {
        ArgumentNullException.ThrowIfNull(knownClasses);
        var known = knownClasses.ToHashSet(StringComparer.Ordinal);
        HashSet<string> ReadOne(CaptionSplit split)
        {
            var path = Path.Combine(folder, ClassListFile.FileOf(split));
            var names = ClassListFile.Read(path);
            var unknown = names.FirstOrDefault(n => !known.Contains(n));
            if (unknown is not null)
                throw new InvalidDataException(
                    $"{Path.GetFullPath(path)}: class '{unknown}' is not a class of the corpus (e.g. {string.Join(", ", known.Order().Take(3))})"
                );
            return names.ToHashSet(StringComparer.Ordinal);
        }
        var train = ReadOne(CaptionSplit.Train);
        var test = ReadOne(CaptionSplit.Test);
        var both = train.FirstOrDefault(test.Contains);
        if (both is not null)
            throw new InvalidDataException(
                $"{Path.GetFullPath(Path.Combine(folder, ClassListFile.TestFile))}: class '{both}' is also a training class"
            );
        return new ClassSplits(train, test);
    }

    public int Count(CaptionSplit split) => (split == CaptionSplit.Train ? train : test).Count;

    public bool Contains(CaptionSplit split, string className) => (split == CaptionSplit.Train ? train : test).Contains(className);
}
