using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>What changes from frame to frame: head shift (fractions of the frame side), closed eyes, mouth opening in [0, 1].</summary>
public readonly record struct FaceState(double ShiftX, double ShiftY, bool Blink, double MouthOpen);

/// <summary>
/// Draws an identity's face, frontal and centred, shaded so that OpenCV's frontal Haar cascade finds it: the eye band
/// (sockets, brows, eyes) darker than the cheeks and forehead, a lighter nose bridge between the eyes, a dark mouth.
/// </summary>
public static class TalkingFace
{
    private static readonly Rgb EyeWhite = Rgb.FromUnit(0.93, 0.93, 0.9);
    private static readonly Rgb Iris = Rgb.FromUnit(0.1, 0.07, 0.05);
    private static readonly Rgb Lips = Rgb.FromUnit(0.55, 0.2, 0.2);
    private static readonly Rgb MouthInside = Rgb.FromUnit(0.12, 0.04, 0.04);

    public static Tensor Render(VoiceFaceIdentity identity, int size, FaceState state) => Draw(identity, size, state).ToTensor();

    private static Canvas Draw(VoiceFaceIdentity identity, int size, FaceState state)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var canvas = new Canvas(size, size, identity.Background);
        var a = identity.HalfWidth * size;
        var b = a * identity.Aspect;
        var cx = size * (0.5 + state.ShiftX);
        var cy = size * (0.52 + state.ShiftY);
        var skin = identity.Skin;

        canvas.FillEllipse(cx, cy + 1.75 * b, 1.9 * a, 0.75 * b, identity.Clothes);
        canvas.FillEllipse(cx, cy + 0.95 * b, 0.45 * a, 0.4 * b, skin.Scale(0.82));
        canvas.FillEllipse(cx, cy - 0.12 * b, 1.12 * a, 1.08 * b, identity.Hair);
        canvas.FillEllipse(cx, cy + 0.05 * b, a, 0.95 * b, skin);
        canvas.FillEllipse(cx, cy - 0.8 * b, 0.9 * a, 0.28 * b, identity.Hair);

        foreach (var side in new[] { -1, 1 })
        {
            var ex = cx + side * identity.EyeSpacing * a;
            var ey = cy - 0.12 * b;
            canvas.FillEllipse(cx + side * 0.5 * a, cy + 0.22 * b, 0.3 * a, 0.2 * b, skin.Scale(1.06), 0.5);
            canvas.FillEllipse(ex, ey, 0.3 * a, 0.17 * b, skin.Scale(0.68));
            canvas.FillEllipse(ex, cy - 0.33 * b, 0.28 * a, 0.055 * b, identity.Hair.Scale(0.5));
            if (state.Blink)
            {
                canvas.FillEllipse(ex, ey, 0.2 * a, 0.025 * b, skin.Scale(0.45));
                continue;
            }
            canvas.FillEllipse(ex, ey, 0.19 * a * identity.EyeSize, 0.085 * b * identity.EyeSize, skin.Scale(0.68).Mix(EyeWhite, 0.6));
            canvas.FillEllipse(ex, ey, 0.1 * a * identity.EyeSize, 0.1 * a * identity.EyeSize, Iris);
        }

        canvas.FillEllipse(cx + 0.04 * a, cy + 0.12 * b, 0.09 * a, 0.2 * b, skin.Scale(0.86));
        foreach (var side in new[] { -1, 1 })
            canvas.FillEllipse(cx + side * 0.1 * a, cy + 0.3 * b, 0.045 * a, 0.03 * b, skin.Scale(0.5));

        var open = Math.Clamp(state.MouthOpen, 0, 1);
        canvas.FillEllipse(cx, cy + 0.55 * b, 0.33 * a, (0.04 + 0.14 * open) * b, Lips.Scale(0.5 + 0.5 * skin.R / 255.0));
        if (open > 0.05)
            canvas.FillEllipse(cx, cy + 0.55 * b, 0.26 * a, 0.12 * open * b, MouthInside);
        return canvas;
    }
}
