using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// A canvas that places a face's parts through a <see cref="FacePose"/>: a part at (u, v) pixels from the face's centre
/// and <c>depth</c> half-widths in front of the head's vertical axis slides across by depth·sin(yaw) (the nose more than
/// the eyes, the hair behind the head the other way), then everything turns by the roll about the centre. With
/// <see cref="FacePose.Frontal"/> every part lands on exactly the pixels it did before poses existed.
/// </summary>
internal readonly struct PosedCanvas
{
    private readonly Canvas canvas;
    private readonly double cx,
        cy,
        halfWidth,
        roll,
        yawCos,
        yawSin,
        rollCos,
        rollSin;

    public PosedCanvas(Canvas canvas, double cx, double cy, double halfWidth, FacePose pose)
    {
        this.canvas = canvas;
        this.cx = cx;
        this.cy = cy;
        this.halfWidth = halfWidth;
        var yaw = pose.Yaw * Math.PI / 180;
        roll = pose.Roll * Math.PI / 180;
        (yawCos, yawSin) = (Math.Cos(yaw), Math.Sin(yaw));
        (rollCos, rollSin) = (Math.Cos(roll), Math.Sin(roll));
    }

    public void Ellipse(double u, double v, double rx, double ry, Rgb colour, double depth, double opacity = 1)
    {
        var x = u * yawCos + depth * halfWidth * yawSin;
        canvas.FillRotatedEllipse(cx + (x * rollCos - v * rollSin), cy + (x * rollSin + v * rollCos), rx, ry, roll, colour, opacity);
    }
}
