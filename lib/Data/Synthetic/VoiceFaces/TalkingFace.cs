using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>What changes from frame to frame: head shift (fractions of the frame side), closed eyes, mouth opening in [0, 1].</summary>
public readonly record struct FaceState(double ShiftX, double ShiftY, bool Blink, double MouthOpen);

/// <summary>
/// Draws an identity's face, shaded so that OpenCV's frontal Haar cascade finds it: the eye band (sockets, brows, eyes)
/// darker than the cheeks and forehead, a lighter nose bridge between the eyes, a dark mouth. Voice-faces renders it
/// frontal and centred with the identity's own traits; <see cref="Paint"/> also poses it and takes the two-domain faces' traits.
/// </summary>
public static class TalkingFace
{
    private static readonly Rgb EyeWhite = Rgb.FromUnit(0.93, 0.93, 0.9);
    private static readonly Rgb Iris = Rgb.FromUnit(0.1, 0.07, 0.05);
    private static readonly Rgb Lips = Rgb.FromUnit(0.55, 0.2, 0.2);
    private static readonly Rgb MouthInside = Rgb.FromUnit(0.12, 0.04, 0.04);

    public static Tensor Render(VoiceFaceIdentity identity, int size, FaceState state)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var canvas = new Canvas(size, size, identity.Background);
        Paint(canvas, identity, state, FacePose.Frontal, identity.Traits);
        return canvas.ToTensor();
    }

    /// <summary>
    /// Draws the face over what <paramref name="canvas"/> holds (its backdrop), posed and with <paramref name="traits"/>; the
    /// face's width and horizontal placement follow the canvas width, its vertical placement the height.
    /// </summary>
    public static void Paint(Canvas canvas, VoiceFaceIdentity identity, FaceState state, FacePose pose, FaceTraits traits)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(traits);
        var a = identity.HalfWidth * canvas.Width;
        var b = a * identity.Aspect;
        var face = new PosedCanvas(canvas, canvas.Width * (0.5 + state.ShiftX), canvas.Height * (0.52 + state.ShiftY), a, pose);
        var skin = identity.Skin;

        // Depths (half-widths in front of the head's axis) set how far each part slides with the yaw.
        face.Ellipse(0, 1.75 * b, 1.9 * a, 0.75 * b, identity.Clothes, depth: 0);
        if (traits.HairLength > 0)
            face.Ellipse(0, (-0.12 + 0.6 * traits.HairLength) * b, 1.18 * a, (1.08 + 0.6 * traits.HairLength) * b, identity.Hair, depth: -0.2);
        face.Ellipse(0, 0.95 * b, 0.45 * a, 0.4 * b, skin.Scale(0.82), depth: 0);
        face.Ellipse(0, -0.12 * b, 1.12 * a, 1.08 * b, identity.Hair, depth: -0.2);
        face.Ellipse(0, 0.05 * b, a, 0.95 * b, skin, depth: 0.15);
        face.Ellipse(0, -0.8 * b, 0.9 * a, 0.28 * b, identity.Hair, depth: 0.3);

        foreach (var side in new[] { -1, 1 })
        {
            var ex = side * identity.EyeSpacing * a;
            var ey = -0.12 * b;
            face.Ellipse(side * 0.5 * a, 0.22 * b, 0.3 * a, 0.2 * b, skin.Scale(1.06), depth: 0.6, opacity: 0.5);
            face.Ellipse(ex, ey, 0.3 * a, 0.17 * b, skin.Scale(0.68), depth: 0.75);
            face.Ellipse(ex, -0.33 * b, 0.28 * a, 0.055 * b * traits.BrowWeight, identity.Hair.Scale(0.5), depth: 0.75);
            if (state.Blink)
            {
                face.Ellipse(ex, ey, 0.2 * a, 0.025 * b, skin.Scale(0.45), depth: 0.75);
                continue;
            }
            var eye = identity.EyeSize;
            face.Ellipse(ex, ey, 0.19 * a * eye, 0.085 * b * eye, skin.Scale(0.68).Mix(EyeWhite, 0.6), depth: 0.75);
            // The iris travels up to 0.1 half-widths sideways and 0.04 half-heights up or down inside the white.
            face.Ellipse(ex + pose.GazeX * 0.1 * a * eye, ey + pose.GazeY * 0.04 * b * eye, 0.1 * a * eye, 0.1 * a * eye, Iris, depth: 0.8);
        }

        if (traits.Beard > 0)
        {
            face.Ellipse(0, 0.62 * b, 0.88 * a, 0.42 * b, identity.Hair, depth: 0.55, opacity: traits.Beard);
            face.Ellipse(0, 0.43 * b, 0.34 * a, 0.07 * b, identity.Hair, depth: 0.85, opacity: traits.Beard);
        }
        face.Ellipse(0.04 * a, 0.12 * b, 0.09 * a, 0.2 * b, skin.Scale(0.86), depth: 1);
        foreach (var side in new[] { -1, 1 })
            face.Ellipse(side * 0.1 * a, 0.3 * b, 0.045 * a, 0.03 * b, skin.Scale(0.5), depth: 0.95);

        var open = Math.Clamp(state.MouthOpen, 0, 1);
        var lips = Lips.Scale(0.5 + 0.5 * skin.R / 255.0);
        if (traits.Lipstick > 0)
            lips = lips.Mix(FaceTraits.LipstickColour, traits.Lipstick);
        face.Ellipse(0, 0.55 * b, 0.33 * a, (0.04 + 0.14 * open) * b, lips, depth: 0.85);
        if (open > 0.05)
            face.Ellipse(0, 0.55 * b, 0.26 * a, 0.12 * open * b, MouthInside, depth: 0.85);
    }
}
