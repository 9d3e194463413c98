namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// One Shapes example: a random scene of stripes, boxes, discs and triangles rendered as a label map (one byte per
/// pixel, <see cref="ShapesClasses"/> labels), per-class coverage masks (a class's full extent, occluded parts
/// included, like a part annotation) and an RGB "photo" painted in a <see cref="ShapesLook"/> (the classic one: texture,
/// colour and shading depend on the class).
/// </summary>
public sealed class ShapesScene
{
    private ShapesScene(int size, byte[] labels, bool[][] classMasks, byte[] photo)
    {
        Size = size;
        Labels = labels;
        ClassMasks = classMasks;
        Photo = photo;
    }

    /// <summary>
    /// What the renderer draws changed with this number (2: no all-background scene); folders made once under the data root carry it.
    /// </summary>
    public const int Version = 2;

    public int Size { get; }

    /// <summary>Row-major labels, Size×Size.</summary>
    public byte[] Labels { get; }

    /// <summary>Per drawn class (index = label − 1), the pixels its shapes cover before occlusion.</summary>
    public bool[][] ClassMasks { get; }

    /// <summary>Row-major RGB bytes, Size×Size×3.</summary>
    public byte[] Photo { get; }

    /// <summary>Renders the scene that (<paramref name="seed"/>, <paramref name="index"/>) alone determine, in the classic look.</summary>
    public static ShapesScene Render(long seed, int index, int size) => Render(seed, index, size, ShapesLook.Classic);

    /// <summary>
    /// Renders scene (<paramref name="seed"/>, <paramref name="index"/>) in <paramref name="look"/>: its labels and masks are
    /// the same under every look, only the photo differs.
    /// </summary>
    public static ShapesScene Render(long seed, int index, int size, ShapesLook look)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        ArgumentNullException.ThrowIfNull(look);
        var random = new Random(MixSeed(seed, index));
        var painter = look.Begin(seed, index, size, random);
        var n = size * size;
        var labels = new byte[n];
        var masks = ShapesClasses.Drawn.Select(_ => new bool[n]).ToArray();
        var color = new float[n * 3];
        painter.PaintBackground(color);
        foreach (var cls in ShapesClasses.Drawn)
        {
            // 0, 1 or 2 shapes of each class (none a quarter of the time), so scenes vary in composition.
            var count = random.NextDouble() < 0.25 ? 0 : 1 + random.Next(2);
            for (var s = 0; s < count; s++)
                Draw(cls, size, random, painter, labels, masks, color);
        }
        // CelebAMask-HQ's layout has no file for an all-background image (its reader rejects such an id), so a scene
        // that drew nothing visible (0.4% of them) gets one shape; every other scene keeps its random draws.
        while (!Array.Exists(labels, l => l != 0))
        {
            var cls = ShapesClasses.Drawn[random.Next(ShapesClasses.Drawn.Count)];
            Draw(cls, size, random, painter, labels, masks, color);
        }
        return new ShapesScene(size, labels, masks, painter.Finish(color));
    }

    // One shape of class cls: its pixels take the class label, its coverage mask and the look's texture.
    private static void Draw(ShapesClass cls, int size, Random random, ScenePainter painter, byte[] labels, bool[][] masks, float[] color)
    {
        var shape = ShapeGeometry.Random(cls, size, random);
        var texture = painter.TextureFor(cls);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!shape.Contains(x + 0.5, y + 0.5, out var u, out var v))
                    continue;
                var i = y * size + x;
                labels[i] = (byte)cls.Label;
                masks[cls.Label - 1][i] = true;
                texture.Shade(x, y, u, v, color.AsSpan(3 * i, 3));
            }
        }
    }

    // A smooth grey-blue vertical gradient with a faint low-frequency wave: clearly "not an object".
    internal static void PaintBackground(float[] color, int size, Random random)
    {
        var tint = (float)(random.NextDouble() * 0.08);
        var phase = random.NextDouble() * Math.PI * 2;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var t = (float)y / size;
                var wave = (float)(0.03 * Math.Sin(phase + 2 * Math.PI * x / size));
                var i = 3 * (y * size + x);
                color[i] = 0.42f + tint - 0.10f * t + wave;
                color[i + 1] = 0.46f + tint - 0.08f * t + wave;
                color[i + 2] = 0.55f + tint + 0.05f * t + wave;
            }
        }
    }

    // Global illumination (a random linear gradient) and per-pixel Gaussian noise, then 8-bit quantisation.
    internal static byte[] Finish(float[] color, int size, Random random) =>
        Lit(color, size, 0.88, 0.12, random.NextDouble() * Math.PI * 2, tint: null, 0.025, random);

    /// <summary>
    /// The photo of linear colours lit by an ambient level plus a linear gradient of <paramref name="strength"/> towards
    /// <paramref name="angle"/>, optionally tinted per channel, with Gaussian noise of <paramref name="noise"/> from
    /// <paramref name="random"/> per channel value, quantised to bytes. Every look finishes through it.
    /// </summary>
    internal static byte[] Lit(float[] color, int size, double ambient, double strength, double angle, double[]? tint, double noise, Random random)
    {
        var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
        var photo = new byte[color.Length];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var light = ambient + strength * ((x / (double)size - 0.5) * dx + (y / (double)size - 0.5) * dy) * 2;
                for (var c = 0; c < 3; c++)
                {
                    var i = 3 * (y * size + x) + c;
                    var lit = tint is null ? color[i] * light : color[i] * light * tint[c];
                    var value = lit + noise * Gaussian(random);
                    photo[i] = (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
                }
            }
        }
        return photo;
    }

    internal static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // SplitMix64 of (seed, index): each example depends on its own index only, so a larger count extends a
    // smaller one with the same seed instead of reshuffling it.
    internal static int MixSeed(long seed, int index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
