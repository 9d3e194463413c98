using Dino.Repro.Vision;

namespace Dino.Repro.Data.Grid;

/// <summary>A square in pixels: the mouth crop taken from every frame of a clip.</summary>
public readonly record struct PixelSquare(int X, int Y, int Side);

/// <summary>
/// Where the mouth lies in a frontal face box: a square of side <see cref="Side"/> × face width, centred
/// horizontally on the box and at <see cref="CentreY"/> × face height below its top. Haar boxes span brows to
/// chin, so the defaults (0.75, 0.6) hold lips, chin top and cheeks, as lip-reading crops do.
/// </summary>
public sealed record MouthRegion(double CentreY = 0.75, double Side = 0.6)
{
    public static MouthRegion Default { get; } = new();

    public void Validate()
    {
        if (!(CentreY is > 0 and < 1.5))
            throw new ArgumentOutOfRangeException(nameof(CentreY), CentreY, "the mouth centre lies within about 1.5 face heights of the box top");
        if (!(Side is > 0 and <= 2))
            throw new ArgumentOutOfRangeException(nameof(Side), Side, "the mouth square is 0..2 face widths wide");
    }

    /// <summary>The mouth square for <paramref name="face"/>, shifted (not shrunk) to lie inside a frame of the given size.</summary>
    public PixelSquare In(FaceBox face, int frameWidth, int frameHeight)
    {
        var side = Math.Clamp((int)Math.Round(Side * face.Width), 1, Math.Min(frameWidth, frameHeight));
        var centreX = face.X + face.Width / 2.0;
        var centreY = face.Y + CentreY * face.Height;
        var x = Math.Clamp((int)Math.Round(centreX - side / 2.0), 0, frameWidth - side);
        var y = Math.Clamp((int)Math.Round(centreY - side / 2.0), 0, frameHeight - side);
        return new PixelSquare(x, y, side);
    }
}
