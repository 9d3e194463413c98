using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.Oxford102;

/// <summary>
/// A tiny Oxford-102 + Reed captions tree in the real on-disk layout: six one-grey-level JPEGs (image n is level 30·n),
/// imagelabels.mat (MATLAB v5, uint8 storage as the official file), ten captions per image, the class lists.
/// </summary>
internal static class Oxford102Fixture
{
    /// <summary>Image n (1-based) has label Labels[n − 1]; classes 1 and 3 train, class 2 tests.</summary>
    public static readonly double[] Labels = [3, 1, 2, 1, 3, 2];

    public static void Write(string root, bool compress = true)
    {
        Directory.CreateDirectory(Path.Combine(root, "jpg"));
        for (var n = 1; n <= Labels.Length; n++)
        {
            using var image = torch.full([12L, 16, 3], Scalars.Of(30 * n), ScalarType.Byte);
            ImageIO.Write(Path.Combine(root, "jpg", $"image_{n:D5}.jpg"), image);
            var text = Path.Combine(root, "cvpr2016_flowers", "text_c10", $"class_{(int)Labels[n - 1]:D5}", $"image_{n:D5}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(text)!);
            File.WriteAllLines(text, Enumerable.Range(0, 10).Select(i => $"flower {n} has {i + 3} pink petals"));
        }
        File.WriteAllBytes(
            Path.Combine(root, "imagelabels.mat"),
            new MatV5Writer(compress).Numeric("labels", [1, Labels.Length], Labels, storage: MatV5Writer.MiUInt8).ToArray()
        );
        File.WriteAllLines(Path.Combine(root, "cvpr2016_flowers", "trainvalclasses.txt"), ["class_00001", "class_00003"]);
        File.WriteAllLines(Path.Combine(root, "cvpr2016_flowers", "testclasses.txt"), ["class_00002"]);
    }
}
