namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The multimodal look's background: a gradient between two muted colours under 3–8 pieces of muted clutter (blobs,
/// lines, patches) that the label map does not know about, so the background is as varied as the shapes but never
/// takes a class' colour.
/// </summary>
internal static class MultimodalBackground
{
    private delegate bool Covers(double x, double y);

    public static void Paint(float[] color, int size, Random random)
    {
        var top = ShapesPalette.Muted(random, 0.35, 0.75);
        var bottom = ShapesPalette.Muted(random, 0.35, 0.75);
        var angle = random.NextDouble() * Math.PI * 2;
        var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var t = (float)Math.Clamp(0.5 + ((x / (double)size - 0.5) * dx + (y / (double)size - 0.5) * dy), 0, 1);
                var i = 3 * (y * size + x);
                color[i] = top.R + (bottom.R - top.R) * t;
                color[i + 1] = top.G + (bottom.G - top.G) * t;
                color[i + 2] = top.B + (bottom.B - top.B) * t;
            }
        }
        var pieces = 3 + random.Next(6);
        for (var p = 0; p < pieces; p++)
            Fill(color, size, Clutter(size, random), ShapesPalette.Muted(random, 0.2, 0.85), ShapesPalette.Between(random, 0.5, 1));
    }

    // One piece of clutter: an ellipse, a thin line or a rotated rectangle, anywhere.
    private static Covers Clutter(int size, Random random)
    {
        var (cx, cy) = (random.NextDouble() * size, random.NextDouble() * size);
        var angle = random.NextDouble() * Math.PI;
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var a = ShapesPalette.Between(random, 0.04, 0.2) * size;
        var b = ShapesPalette.Between(random, 0.04, 0.2) * size;
        var thickness = Math.Max(0.7, ShapesPalette.Between(random, 0.008, 0.025) * size);
        var kind = random.Next(3);
        return (x, y) =>
        {
            var lx = cos * (x - cx) + sin * (y - cy);
            var ly = -sin * (x - cx) + cos * (y - cy);
            return kind switch
            {
                0 => (lx / a) * (lx / a) + (ly / b) * (ly / b) <= 1,
                1 => Math.Abs(lx) <= 2 * a && Math.Abs(ly) <= thickness,
                _ => Math.Abs(lx) <= a && Math.Abs(ly) <= b / 2,
            };
        };
    }

    private static void Fill(float[] color, int size, Covers covers, (float R, float G, float B) paint, double opacity)
    {
        var o = (float)opacity;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!covers(x + 0.5, y + 0.5))
                    continue;
                var i = 3 * (y * size + x);
                color[i] += (paint.R - color[i]) * o;
                color[i + 1] += (paint.G - color[i + 1]) * o;
                color[i + 2] += (paint.B - color[i + 2]) * o;
            }
        }
    }
}
