namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The look of one primitive, by class: stripes are orange with a sinusoidal grain along the band, boxes a green
/// checkerboard, discs red and shaded like a lit sphere, triangles blue with bright speckles. Each shape jitters its
/// base colour a little, so colour is informative but a segmenter also has texture and shading to go on.
/// </summary>
internal sealed class ShapeTexture : IShapeShader
{
    private readonly ShapesClass kind;
    private readonly float r,
        g,
        b;
    private readonly double frequency,
        phase;
    private readonly int speckleSalt;

    private ShapeTexture(ShapesClass kind, float r, float g, float b, double frequency, double phase, int speckleSalt)
    {
        (this.kind, this.r, this.g, this.b, this.frequency, this.phase, this.speckleSalt) = (kind, r, g, b, frequency, phase, speckleSalt);
    }

    public static ShapeTexture Random(ShapesClass kind, Random random)
    {
        float Jitter() => (float)((random.NextDouble() - 0.5) * 0.12);
        var (r, g, b) = kind.Name switch
        {
            "stripe" => (0.90f, 0.58f, 0.18f),
            "box" => (0.25f, 0.72f, 0.30f),
            "disc" => (0.85f, 0.18f, 0.22f),
            "triangle" => (0.28f, 0.30f, 0.88f),
            _ => throw new ArgumentException($"no texture for class '{kind.Name}'", nameof(kind)),
        };
        return new ShapeTexture(
            kind,
            r + Jitter(),
            g + Jitter(),
            b + Jitter(),
            0.6 + random.NextDouble() * 0.6,
            random.NextDouble() * Math.PI * 2,
            random.Next()
        );
    }

    /// <summary>Writes the colour (linear, 0..1) of pixel (x, y) at local shape coordinates (u, v).</summary>
    public void Shade(int x, int y, double u, double v, Span<float> rgb)
    {
        var brightness = kind.Name switch
        {
            "stripe" => 0.82 + 0.18 * Math.Sin(frequency * u + phase),
            "box" => ((int)Math.Floor((u + 2) * 2.5) + (int)Math.Floor((v + 2) * 2.5)) % 2 == 0 ? 1.0 : 0.72,
            // Lambertian sphere lit from the upper left.
            "disc" => 0.45 + 0.55 * Math.Max(0, (-0.45 * u - 0.45 * v + 0.77 * Math.Sqrt(Math.Max(0, 1 - u * u - v * v)))),
            _ => 0.85,
        };
        if (kind.Name == "triangle" && Speckle(x, y))
        {
            rgb[0] = 0.95f;
            rgb[1] = 0.95f;
            rgb[2] = 1.0f;
            return;
        }
        rgb[0] = (float)(r * brightness);
        rgb[1] = (float)(g * brightness);
        rgb[2] = (float)(b * brightness);
    }

    // About one pixel in seven, from a hash of the position, so speckles are fixed per shape and seed.
    private bool Speckle(int x, int y) => PixelHash(x, y, speckleSalt) % 7 == 0;

    /// <summary>A hash of a pixel's position and a per-shape salt: speckles fixed per shape and seed.</summary>
    public static uint PixelHash(int x, int y, int salt)
    {
        var h = unchecked((uint)(x * 73856093) ^ (uint)(y * 19349663) ^ (uint)salt);
        h = unchecked((h ^ (h >> 13)) * 0x5bd1e995u);
        return h ^ (h >> 15);
    }
}
