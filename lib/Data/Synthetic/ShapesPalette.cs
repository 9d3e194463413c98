namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The multimodal look's colours: per drawn class a hue band with wide saturation and value ranges (bands at least 30°
/// apart, so hue still names the class while instances differ a lot), and muted colours (saturation ≤ 0.15) for the
/// background and its clutter, which no class band can be mistaken for.
/// </summary>
internal static class ShapesPalette
{
    // Hue bands in degrees, by label − 1: stripes orange–yellow, boxes green, discs magenta–crimson, triangles blue.
    private static readonly (double From, double To)[] HueBands = [(25, 60), (90, 150), (315, 355), (200, 250)];

    /// <summary>A colour (linear RGB, 0..1) from <paramref name="cls"/>'s band.</summary>
    public static (float R, float G, float B) ClassColour(ShapesClass cls, Random random)
    {
        var (from, to) = HueBands[cls.Label - 1];
        return FromHsv(Between(random, from, to), Between(random, 0.5, 1.0), Between(random, 0.6, 1.0));
    }

    /// <summary>A greyish colour, brownish half of the time: what the background and its clutter are painted in.</summary>
    public static (float R, float G, float B) Muted(Random random, double minValue, double maxValue)
    {
        var hue = random.NextDouble() < 0.5 ? Between(random, 15, 45) : Between(random, 0, 360);
        return FromHsv(hue, Between(random, 0, 0.15), Between(random, minValue, maxValue));
    }

    public static double Between(Random random, double from, double to) => from + (to - from) * random.NextDouble();

    private static (float R, float G, float B) FromHsv(double hue, double saturation, double value)
    {
        var h = (hue % 360 + 360) % 360 / 60;
        var c = value * saturation;
        var x = c * (1 - Math.Abs(h % 2 - 1));
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = value - c;
        return ((float)(r + m), (float)(g + m), (float)(b + m));
    }
}
