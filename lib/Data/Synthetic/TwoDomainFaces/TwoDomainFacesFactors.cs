using System.Globalization;
using System.Text;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>
/// The ground truth beside a two-domain corpus, <c>two-domain-faces-factors.tsv</c>: a header, then one tab-separated
/// line per image (file, class, yaw, roll, mouth, gaze_x, gaze_y, background_hue, background_level, background, dx, dy),
/// so metrics can check what a translation kept.
/// </summary>
public static class TwoDomainFacesFactors
{
    public const string FileName = "two-domain-faces-factors.tsv";

    private static readonly string[] Columns =
    [
        "file",
        "class",
        "yaw",
        "roll",
        "mouth",
        "gaze_x",
        "gaze_y",
        "background_hue",
        "background_level",
        "background",
        "dx",
        "dy",
    ];

    public static void Write(string root, IEnumerable<TwoDomainFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var text = new StringBuilder().Append(string.Join('\t', Columns)).Append('\n');
        foreach (var f in faces)
        {
            object[] fields = [f.File, f.ClassId, f.Yaw, f.Roll, f.Mouth, f.GazeX, f.GazeY, f.BackgroundHue, f.BackgroundLevel];
            text.AppendJoin('\t', fields.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
            text.Append(CultureInfo.InvariantCulture, $"\t{f.Background.ToString().ToLowerInvariant()}\t{f.Dx}\t{f.Dy}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(root, FileName), text.ToString());
    }

    /// <summary>Every image's factors, in file order; a bad line raises an error naming the file and line.</summary>
    public static IReadOnlyList<TwoDomainFace> Read(string root)
    {
        var path = Path.GetFullPath(Path.Combine(root, FileName));
        if (!File.Exists(path))
            throw new FileNotFoundException($"no two-domain faces factors at {path} (made by: dino corpus make two-domain-faces)", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != string.Join('\t', Columns))
            throw new InvalidDataException($"{path}:1: expected the header '{string.Join(' ', Columns)}'");
        return lines.Skip(1).Select((line, i) => Parse(line, $"{path}:{i + 2}")).ToArray();
    }

    private static TwoDomainFace Parse(string line, string where)
    {
        var f = line.Split('\t');
        if (f.Length != Columns.Length)
            throw new InvalidDataException($"{where}: expected {Columns.Length} tab-separated fields, got {f.Length}");
        double Number(int i) =>
            double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new InvalidDataException($"{where}: {Columns[i]} is '{f[i]}', not a number");
        var classId = f[1] switch
        {
            "0" => 0,
            "1" => 1,
            var bad => throw new InvalidDataException($"{where}: class is '{bad}', expected 0 or 1"),
        };
        if (!Enum.TryParse<FaceBackdrop>(f[9], ignoreCase: true, out var backdrop) || !Enum.IsDefined(backdrop) || int.TryParse(f[9], out _))
            throw new InvalidDataException($"{where}: background is '{f[9]}', expected plain, stripes or blotches");
        return new TwoDomainFace(
            f[0],
            classId,
            Number(2),
            Number(3),
            Number(4),
            Number(5),
            Number(6),
            Number(7),
            Number(8),
            backdrop,
            Number(10),
            Number(11)
        );
    }
}
