using System.Globalization;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.Cub200;

/// <summary>
/// A tiny CUB-200-2011 + Reed captions tree in the real on-disk layout: three classes (two train, one test), two images
/// per class as JPEGs of <see cref="Width"/>×<see cref="Height"/>, the four tables, ten captions per image.
/// </summary>
internal static class CubFixture
{
    public const int Width = 40,
        Height = 30;
    public static readonly string[] Classes = ["001.Black_footed_Albatross", "002.Laysan_Albatross", "003.Sooty_Albatross"];

    /// <summary>Image id (1-based) → (class id 1-based, file name, box x y w h).</summary>
    public static readonly (int Class, string File, double[] Box)[] Images =
    [
        (1, "Black_Footed_Albatross_0046_18", [10.0, 8.0, 8.0, 6.0]),
        (1, "Black_Footed_Albatross_0009_34", [0.0, 0.0, 30.0, 20.0]),
        (2, "Laysan_Albatross_0002_1027", [25.0, 12.0, 14.0, 17.0]),
        (2, "Laysan_Albatross_0003_1033", [5.0, 5.0, 12.0, 12.0]),
        (3, "Sooty_Albatross_0001_1071", [2.5, 3.9, 20.7, 10.2]),
        (3, "Sooty_Albatross_0002_796", [20.0, 10.0, 10.0, 10.0]),
    ];

    public static string Key(int imageIndex) => $"{Classes[Images[imageIndex].Class - 1]}/{Images[imageIndex].File}";

    public static string Caption(int imageIndex, int line) => $"bird {imageIndex} caption {line} has a white belly";

    public static void Write(string root)
    {
        var images = Path.Combine(root, "CUB_200_2011");
        var captions = Path.Combine(root, "cvpr2016_cub");
        Directory.CreateDirectory(images);
        File.WriteAllLines(Path.Combine(images, "classes.txt"), Classes.Select((c, i) => $"{i + 1} {c}"));
        File.WriteAllLines(Path.Combine(images, "images.txt"), Images.Select((im, i) => $"{i + 1} {Key(i)}.jpg"));
        File.WriteAllLines(Path.Combine(images, "image_class_labels.txt"), Images.Select((im, i) => $"{i + 1} {im.Class}"));
        File.WriteAllLines(
            Path.Combine(images, "bounding_boxes.txt"),
            Images.Select((im, i) => $"{i + 1} " + string.Join(' ', im.Box.Select(v => v.ToString("F1", CultureInfo.InvariantCulture))))
        );
        for (var i = 0; i < Images.Length; i++)
        {
            WriteJpeg(Path.Combine(images, "images", Key(i) + ".jpg"), i);
            var text = Path.Combine(captions, "text_c10", Key(i) + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(text)!);
            File.WriteAllLines(text, Enumerable.Range(0, 10).Select(line => Caption(i, line)));
        }
        File.WriteAllLines(Path.Combine(captions, "trainvalclasses.txt"), [Classes[0], Classes[1]]);
        File.WriteAllLines(Path.Combine(captions, "testclasses.txt"), [Classes[2]]);
    }

    // A smooth gradient (JPEG keeps it nearly exact) that differs per image.
    private static void WriteJpeg(string path, int seed)
    {
        var bytes = new byte[Height * Width * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = 3 * (y * Width + x);
                (bytes[i], bytes[i + 1], bytes[i + 2]) = ((byte)(6 * x), (byte)(8 * y), (byte)(40 * seed));
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = torch.tensor(bytes, [Height, Width, 3]);
        ImageIO.Write(path, image);
    }
}
