using System.Globalization;
using System.Text;
using Dino.Repro.IO;

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

    /// <summary>The 40 attributes of the real list_attr_celeba.txt, in its column order.</summary>
    public static IReadOnlyList<string> CelebANames { get; } =
    [
        "5_o_Clock_Shadow",
        "Arched_Eyebrows",
        "Attractive",
        "Bags_Under_Eyes",
        "Bald",
        "Bangs",
        "Big_Lips",
        "Big_Nose",
        "Black_Hair",
        "Blond_Hair",
        "Blurry",
        "Brown_Hair",
        "Bushy_Eyebrows",
        "Chubby",
        "Double_Chin",
        "Eyeglasses",
        "Goatee",
        "Gray_Hair",
        "Heavy_Makeup",
        "High_Cheekbones",
        "Male",
        "Mouth_Slightly_Open",
        "Mustache",
        "Narrow_Eyes",
        "No_Beard",
        "Oval_Face",
        "Pale_Skin",
        "Pointy_Nose",
        "Receding_Hairline",
        "Rosy_Cheeks",
        "Sideburns",
        "Smiling",
        "Straight_Hair",
        "Wavy_Hair",
        "Wearing_Earrings",
        "Wearing_Hat",
        "Wearing_Lipstick",
        "Wearing_Necklace",
        "Wearing_Necktie",
        "Young",
    ];

    /// <summary>
    /// Writes the file as CelebA's is laid out (the count; the names, space-separated with a trailing space; then the file
    /// and its values, each right-aligned in two columns after a space); <paramref name="attributesOf"/> names the
    /// attributes that are +1 for a file, every other one is −1.
    /// </summary>
    public static void Write(string path, IReadOnlyList<string> names, IReadOnlyList<string> files, Func<int, IReadOnlySet<string>> attributesOf)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(attributesOf);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{files.Count}\n").Append(string.Join(' ', names)).Append(" \n");
        for (var i = 0; i < files.Count; i++)
        {
            var set = attributesOf(i);
            text.Append(files[i]);
            foreach (var name in names)
                text.Append(set.Contains(name) ? "  1" : " -1");
            text.Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
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
