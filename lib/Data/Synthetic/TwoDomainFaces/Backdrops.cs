using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>
/// The backdrop behind a two-domain face: a tinted grey (<see cref="TwoDomainFace.BackgroundHue"/>,
/// <see cref="TwoDomainFace.BackgroundLevel"/>), plain, striped or blotched like the cluttered backgrounds of CelebA.
/// </summary>
internal static class Backdrops
{
    public static Canvas Paint(int width, int height, TwoDomainFace face, int seed)
    {
        var tint = Rgb.FromHue(face.BackgroundHue);
        double Channel(byte c) => face.BackgroundLevel + 0.3 * (c / 255.0 - 0.5);
        var colour = Rgb.FromUnit(Channel(tint.R), Channel(tint.G), Channel(tint.B));
        var canvas = new Canvas(width, height, colour);
        var random = new Random(seed);
        switch (face.Background)
        {
            case FaceBackdrop.Stripes:
                // Bands 4–12 % of the height apart, alternately lighter and darker.
                var period = height * (0.04 + 0.08 * random.NextDouble());
                var light = random.NextDouble() < 0.5;
                for (var (y, k) = (-period * random.NextDouble(), 0); y < height; y += period, k++)
                    canvas.FillRectangle(0, y, width, y + period / 2, colour.Scale((k % 2 == 0) == light ? 1.25 : 0.8));
                break;
            case FaceBackdrop.Blotches:
                for (var k = 0; k < 14; k++)
                {
                    var (x, y) = (width * random.NextDouble(), height * random.NextDouble());
                    var (rx, ry) = (width * (0.05 + 0.15 * random.NextDouble()), height * (0.05 + 0.12 * random.NextDouble()));
                    canvas.FillEllipse(x, y, rx, ry, colour.Scale(0.65 + 0.7 * random.NextDouble()), 0.7);
                }
                break;
        }
        return canvas;
    }
}
