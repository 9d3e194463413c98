using System.Globalization;

namespace Dino.Repro.Data.Cub200;

/// <summary>
/// CUB's metadata files: one "&lt;id&gt; &lt;field&gt;…" row a line, separated by spaces, ids from 1. Errors name the file and line.
/// </summary>
public static class IdTable
{
    /// <summary>
    /// Reads rows of exactly <paramref name="fields"/> values after the id (the last may contain spaces when
    /// <paramref name="restIsOneField"/>, as class names do not but paths could).
    /// </summary>
    public static IReadOnlyDictionary<int, string[]> Read(string path, int fields, bool restIsOneField = false)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"CUB table not found: {full}", full);
        var rows = new Dictionary<int, string[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(full))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var parts = restIsOneField
                ? line.Trim().Split(' ', fields + 1, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != fields + 1 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                throw new InvalidDataException($"{full}:{lineNumber}: expected '<id> ' and {fields} field(s), got '{line}'");
            if (!rows.TryAdd(id, parts[1..]))
                throw new InvalidDataException($"{full}:{lineNumber}: id {id} appears twice");
        }
        if (rows.Count == 0)
            throw new InvalidDataException($"{full}: no rows");
        return rows;
    }

    /// <summary>Field <paramref name="index"/> of a row as an integer, or an error naming the file and id.</summary>
    public static int Int(string path, int id, string[] row, int index) =>
        int.TryParse(row[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{Path.GetFullPath(path)}: id {id}: '{row[index]}' is not a whole number");

    /// <summary>Field <paramref name="index"/> of a row as a non-negative number (bounding boxes are written "60.0").</summary>
    public static double Number(string path, int id, string[] row, int index) =>
        double.TryParse(row[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{Path.GetFullPath(path)}: id {id}: '{row[index]}' is not a non-negative number");
}
