using System.Globalization;

namespace Dino.Repro.Data.CelebAMaskHq;

public enum CelebASplit
{
    Train,
    Val,
    Test,
}

/// <summary>
/// The train/val/test split by CelebA id, as CelebAMask-HQ's face_parsing/Data_preprocessing/g_partition.py makes it:
/// the <c>orig_idx</c> column of CelebA-HQ-to-CelebA-mapping.txt (0-based CelebA index) is train below 162771,
/// val from 162771 to 182637 and test from 182638 (2824 test images). Whether DINO used exactly this is not
/// confirmed (fact sheet ✘); it is the corpus's own.
/// </summary>
public static class CelebASplits
{
    public const int FirstVal = 162771;
    public const int FirstTest = 182638;

    public static CelebASplit Of(int celebAIndex) =>
        celebAIndex >= FirstTest ? CelebASplit.Test
        : celebAIndex >= FirstVal ? CelebASplit.Val
        : CelebASplit.Train;

    /// <summary>Reads the mapping file: CelebA-HQ id → 0-based CelebA index. Errors name the file and line.</summary>
    public static IReadOnlyDictionary<int, int> ReadMapping(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"CelebA-HQ → CelebA mapping not found: {full}", full);
        var mapping = new Dictionary<int, int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(full))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || (lineNumber == 1 && fields[0] == "idx"))
                continue;
            if (
                fields.Length < 2
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var celebA)
            )
                throw new InvalidDataException($"{full}:{lineNumber}: expected 'idx orig_idx orig_file', got '{line}'");
            mapping[id] = celebA;
        }
        if (mapping.Count == 0)
            throw new InvalidDataException($"{full}: no id rows");
        return mapping;
    }

    /// <summary>Writes a mapping file in the archive's layout (a header, then one row per id).</summary>
    public static void WriteMapping(string path, IEnumerable<(int id, int celebAIndex)> rows)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("idx         orig_idx    orig_file");
        foreach (var (id, celebA) in rows)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id, -11} {celebA, -11} {celebA + 1:D6}.jpg"));
    }
}
