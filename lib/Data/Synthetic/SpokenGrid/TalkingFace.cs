using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>
/// One synthetic speaker's face: a frontal, evenly lit head in front of a plain backdrop, like GRID's studio
/// recordings, drawn so that OpenCV's frontal-face Haar cascade finds it (dark brows and eyes over lighter cheeks,
/// a light nose bridge between the eyes). Sizes are fractions of the frame side; the look varies per speaker.
/// </summary>
public sealed record TalkingFace(Rgb Skin, Rgb Backdrop, Rgb Hair, Rgb Lips, double HeadWidth, double EyeSpacing)
{
    /// <summary>The look of speaker number <paramref name="speaker"/> (deterministic from it and the corpus seed).</summary>
    public static TalkingFace ForSpeaker(int speaker, long seed)
    {
        var random = new Random(SpokenGridCorpus.SeedOf(seed, speaker, salt: 1));
        var skins = new Rgb[] { new(224, 184, 150), new(198, 150, 112), new(160, 112, 80), new(236, 200, 172), new(120, 84, 60) };
        var skin = skins[(speaker - 1) % skins.Length].Scale(0.92 + 0.16 * random.NextDouble());
        var backdrop = new Rgb((byte)random.Next(40, 90), (byte)random.Next(60, 110), (byte)random.Next(90, 150));
        var hair = new Rgb((byte)random.Next(20, 70), (byte)random.Next(15, 50), (byte)random.Next(10, 40));
        var lips = new Rgb((byte)random.Next(150, 190), (byte)random.Next(60, 90), (byte)random.Next(60, 90));
        return new TalkingFace(skin, backdrop, hair, lips, 0.56 + 0.06 * random.NextDouble(), 0.115 + 0.02 * random.NextDouble());
    }

    /// <summary>The face box the drawing occupies in a <paramref name="size"/>² frame: (x, y, width, height) in pixels.</summary>
    public (double X, double Y, double Width, double Height) FaceBounds(int size)
    {
        var rx = HeadWidth / 2 * size;
        var ry = rx * 1.3;
        return (size / 2.0 - rx, size * 0.54 - ry, 2 * rx, 2 * ry);
    }

    /// <summary>Centre of the mouth in pixels (the lips are drawn around it).</summary>
    public (double X, double Y) MouthCentre(int size) => (size / 2.0, size * 0.54 + HeadWidth / 2 * size * 1.3 * 0.55);

    /// <summary>A <paramref name="size"/>² RGB frame with the mouth in <paramref name="mouth"/>'s shape.</summary>
    public Canvas Draw(int size, MouthShape mouth)
    {
        var canvas = new Canvas(size, size, Backdrop);
        var (cx, cy) = (size / 2.0, size * 0.54);
        var rx = HeadWidth / 2 * size;
        var ry = rx * 1.3;
        canvas.FillEllipse(cx, cy - ry * 0.35, rx * 1.08, ry * 0.8, Hair); // hair behind the head
        canvas.FillRectangle(cx - rx * 0.45, cy + ry * 0.7, cx + rx * 0.45, size, Skin.Scale(0.8)); // neck
        canvas.FillEllipse(cx, cy, rx, ry, Skin);
        canvas.FillEllipse(cx, cy - ry * 0.9, rx * 0.95, ry * 0.28, Hair); // fringe
        canvas.FillEllipse(cx, cy + ry * 0.05, rx * 0.78, ry * 0.7, Skin.Scale(1.06), 0.6); // lit cheeks

        var eyeY = cy - ry * 0.2;
        var eyeDx = EyeSpacing * size;
        foreach (var side in new[] { -1, 1 })
        {
            var ex = cx + side * eyeDx;
            canvas.FillEllipse(ex, eyeY, rx * 0.34, ry * 0.16, Skin.Scale(0.55)); // eye socket shadow
            canvas.FillEllipse(ex, eyeY - ry * 0.2, rx * 0.3, ry * 0.07, Hair); // brow
            canvas.FillEllipse(ex, eyeY, rx * 0.14, ry * 0.06, new Rgb(200, 195, 190)); // white
            canvas.FillEllipse(ex, eyeY, rx * 0.08, ry * 0.065, new Rgb(25, 20, 18)); // iris
        }
        canvas.FillEllipse(cx, cy + ry * 0.1, rx * 0.12, ry * 0.3, Skin.Scale(1.1)); // lit nose bridge
        canvas.FillEllipse(cx, cy + ry * 0.3, rx * 0.2, ry * 0.07, Skin.Scale(0.72)); // nostril shadow
        DrawMouth(canvas, size, mouth, rx, ry);
        return canvas;
    }

    private void DrawMouth(Canvas canvas, int size, MouthShape mouth, double rx, double ry)
    {
        var (mx, my) = MouthCentre(size);
        var halfWidth = rx * 0.42 * (0.75 + 0.5 * mouth.Width) * (1 - 0.35 * mouth.Rounding);
        var lip = ry * 0.05;
        var gap = ry * 0.2 * mouth.Opening;
        canvas.FillEllipse(mx, my, halfWidth * 1.05, lip * 1.6 + gap, Skin.Scale(0.85)); // lip shadow
        canvas.FillEllipse(mx, my, halfWidth, lip + gap, Lips);
        if (gap > 0.02 * ry)
            canvas.FillEllipse(mx, my, halfWidth * 0.8, gap, new Rgb(45, 15, 20)); // open mouth
    }
}
