using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// A static, textured backdrop for a source (seeded): a dark base colour under three faint random gratings and a fixed
/// pixel grain. It never changes, so any flicker a generator adds to it is visible and measurable.
/// </summary>
public static class TexturedBackdrop
{
    public static Canvas Make(int size, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var baseColour = (R: 0.10 + 0.08 * random.NextDouble(), G: 0.10 + 0.08 * random.NextDouble(), B: 0.14 + 0.08 * random.NextDouble());
        var gratings = Enumerable
            .Range(0, 3)
            .Select(_ =>
                (Angle: Math.PI * random.NextDouble(), Period: size * (0.08 + 0.25 * random.NextDouble()), Phase: 2 * Math.PI * random.NextDouble())
            )
            .ToArray();
        var canvas = new Canvas(size, size, Rgb.FromUnit(baseColour.R, baseColour.G, baseColour.B));
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var pattern = gratings.Sum(g => Math.Sin(2 * Math.PI * (x * Math.Cos(g.Angle) + y * Math.Sin(g.Angle)) / g.Period + g.Phase));
            var shade = 0.025 * pattern + 0.03 * (random.NextDouble() - 0.5);
            canvas.Set(x, y, Rgb.FromUnit(baseColour.R + shade, baseColour.G + shade, baseColour.B + 1.3 * shade));
        }
        return canvas;
    }
}
