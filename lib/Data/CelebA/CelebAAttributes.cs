using System.Globalization;

namespace Dino.Repro.Data.CelebA;

/// <summary>The 40 ±1 attributes of CelebA's <c>list_attr_celeba.txt</c>, by image file.</summary>
public sealed class CelebAAttributes
{
    private readonly Dictionary<string, int> columns;
    private readonly sbyte[][] values;

    private CelebAAttributes(string[] names, string[] files, sbyte[][] values)
    {
        Names = names;
        Files = files;
        this.values = values;
        columns = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Attribute names in file order (5_o_Clock_Shadow … Young).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Image file names in file order (000001.jpg …).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The ±1 values of one attribute for every image, in file order.</summary>
    public IReadOnlyList<sbyte> Column(string name) =>
        columns.TryGetValue(name, out var c)
            ? values.Select(row => row[c]).ToArray()
            : throw new ArgumentException($"no CelebA attribute '{name}' (has: {string.Join(", ", Names)})", nameof(name));

    /// <summary>
    /// Reads the file: line 1 the image count, line 2 the attribute names, then "&lt;file&gt; v1 … v40" with each v ±1 (columns
    /// are padded with extra spaces). A bad count, name line or row raises an error naming the file and line.
    /// </summary>
    public static CelebAAttributes Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"CelebA attribute list not found: {full}", full);
        using var reader = new StreamReader(full);
        var countLine = reader.ReadLine();
        if (!int.TryParse(countLine?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new InvalidDataException($"{full}:1: expected the number of images, got '{countLine}'");
        var names = reader.ReadLine()?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (names.Length == 0)
            throw new InvalidDataException($"{full}:2: expected the attribute names, got nothing");
        var files = new List<string>(count);
        var rows = new List<sbyte[]>(count);
        var lineNumber = 2;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            if (fields.Length != names.Length + 1)
                throw new InvalidDataException($"{full}:{lineNumber}: expected a file name and {names.Length} values, got {fields.Length} fields");
            var row = new sbyte[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                row[i] = fields[i + 1] switch
                {
                    "1" => 1,
                    "-1" => -1,
                    var bad => throw new InvalidDataException($"{full}:{lineNumber}: attribute {names[i]} is '{bad}', expected 1 or -1"),
                };
            }
            files.Add(fields[0]);
            rows.Add(row);
        }
        if (rows.Count != count)
            throw new InvalidDataException($"{full}: line 1 announces {count} images but {rows.Count} rows follow (truncated?)");
        return new CelebAAttributes(names, [.. files], [.. rows]);
    }
}
