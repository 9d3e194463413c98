using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.CelebA;

/// <summary>
/// A tiny CelebA in the real on-disk layout: nine aligned faces <c>img_align_celeba/00000N.jpg</c> (face n is one grey
/// level 20·n) and <c>list_attr_celeba.txt</c> with four attributes, Male among them.
/// </summary>
internal static class CelebAFixture
{
    /// <summary>Male column of images 000001…000009: five women (2, 3, 5, 7, 8) and four men (1, 4, 6, 9).</summary>
    public static readonly int[] Male = [1, -1, -1, 1, -1, 1, -1, -1, 1];

    public static string Row(int n) => $"{n:D6}.jpg {(n % 2 == 0 ? " 1" : "-1")} -1 {(Male[n - 1] > 0 ? " 1" : "-1")}  1";

    /// <param name="row">Replaces the attribute line of image n (to write bad ones).</param>
    /// <param name="count">Replaces the image count on the first line.</param>
    public static void Write(string root, Func<int, string>? row = null, int? count = null)
    {
        var images = Directory.CreateDirectory(Path.Combine(root, "img_align_celeba")).FullName;
        for (var n = 1; n <= Male.Length; n++)
        {
            using var face = torch.full([24L, 20, 3], Scalars.Of(20 * n), ScalarType.Byte);
            ImageIO.Write(Path.Combine(images, $"{n:D6}.jpg"), face);
        }
        // The real layout: the count, the attribute names (trailing space), then padded ±1 columns.
        File.WriteAllLines(
            Path.Combine(root, "list_attr_celeba.txt"),
            [$"{count ?? Male.Length}", "5_o_Clock_Shadow Arched_Eyebrows Male Young ", .. Enumerable.Range(1, Male.Length).Select(row ?? Row)]
        );
    }
}
