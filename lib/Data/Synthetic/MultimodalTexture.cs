namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// A shape's look in the multimodal corpus: one of five texture families (grain, checkerboard, lit dome, speckle, a
/// two-colour blend), whichever the class, in two colours of the class' palette band, with random scale, direction and
/// contrast; so one label map has many valid photos.
/// </summary>
internal sealed class MultimodalTexture : IShapeShader
{
    private enum Family
    {
        Grain,
        Checker,
        Dome,
        Speckle,
        Blend,
    }

    private readonly Family family;
    private readonly bool band;
    private readonly (float R, float G, float B) first,
        second;
    private readonly double cos,
        sin,
        period,
        contrast,
        phase;
    private readonly int salt,
        density;

    private MultimodalTexture(ShapesClass cls, int size, Random random)
    {
        // Every parameter is drawn whichever the family, so each shape takes the same number of draws.
        family = (Family)random.Next(5);
        band = cls == ShapesClasses.Stripe;
        first = ShapesPalette.ClassColour(cls, random);
        second = ShapesPalette.ClassColour(cls, random);
        var angle = random.NextDouble() * Math.PI * 2;
        (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        period = size * ShapesPalette.Between(random, 0.05, 0.15);
        contrast = ShapesPalette.Between(random, 0.12, 0.3);
        phase = random.NextDouble() * Math.PI * 2;
        salt = random.Next();
        density = 4 + random.Next(6);
    }

    public static MultimodalTexture Random(ShapesClass cls, int size, Random random) => new(cls, size, random);

    public void Shade(int x, int y, double u, double v, Span<float> rgb)
    {
        var along = x * cos + y * sin;
        var across = -x * sin + y * cos;
        var (colour, brightness) = family switch
        {
            Family.Grain => (first, 1 - contrast * (0.5 + 0.5 * Math.Sin(2 * Math.PI * along / period + phase))),
            Family.Checker => ((int)Math.Floor(along / period) + (int)Math.Floor(across / period)) % 2 == 0 ? (first, 1.0) : (second, 1 - contrast),
            Family.Dome => (first, Dome(u, v)),
            Family.Speckle => ShapeTexture.PixelHash(x, y, salt) % (uint)density == 0 ? (second, 1.0) : (first, 1 - contrast / 2),
            _ => (Mix(0.5 + 0.5 * Math.Sin(2 * Math.PI * along / (6 * period) + phase)), 1.0),
        };
        rgb[0] = (float)(colour.R * brightness);
        rgb[1] = (float)(colour.G * brightness);
        rgb[2] = (float)(colour.B * brightness);
    }

    // Lambertian shading of a dome (a cylinder across a stripe, whose u runs along the band in pixels) lit from the texture's direction.
    private double Dome(double u, double v)
    {
        var (su, sv) = band ? (0, v) : (u, v);
        var r2 = Math.Min(1, su * su + sv * sv);
        var lambert = Math.Max(0, 0.6 * (cos * su + sin * sv) + 0.8 * Math.Sqrt(1 - r2));
        return 0.6 + 0.4 * lambert;
    }

    private (float R, float G, float B) Mix(double t) =>
        ((float)(first.R + (second.R - first.R) * t), (float)(first.G + (second.G - first.G) * t), (float)(first.B + (second.B - first.B) * t));
}
