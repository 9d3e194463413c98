namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>How the backdrop behind a two-domain face is textured.</summary>
public enum FaceBackdrop
{
    Plain,
    Stripes,
    Blotches,
}

/// <summary>
/// One image of the two-domain faces and the ground truth it was drawn from: its domain and the factors both domains
/// share, each drawn independently of the domain (so a translation should keep them).
/// </summary>
/// <param name="File">The image's name in <c>img_align_celeba/</c> (000001.jpg …).</param>
/// <param name="ClassId">0: the female-like domain (long hair, lipstick, thin brows); 1: the male-like one (short hair, beard, heavy brows).</param>
/// <param name="Yaw">Head turn in degrees, −25 … 25 (positive: to the viewer's right).</param>
/// <param name="Roll">Head tilt in degrees, −12 … 12 (positive: clockwise).</param>
/// <param name="Mouth">Mouth openness, 0 (closed) … 1.</param>
/// <param name="GazeX">Iris offset, −1 (left) … 1 (right).</param>
/// <param name="GazeY">Iris offset, −1 (up) … 1 (down).</param>
/// <param name="BackgroundHue">Hue of the backdrop's tint, 0 … 1.</param>
/// <param name="BackgroundLevel">Grey level of the backdrop, 0.25 … 0.85.</param>
/// <param name="Dx">Horizontal shift of the face, −0.05 … 0.05 of the width.</param>
/// <param name="Dy">Vertical shift of the face, −0.04 … 0.04 of the height.</param>
public sealed record TwoDomainFace(
    string File,
    int ClassId,
    double Yaw,
    double Roll,
    double Mouth,
    double GazeX,
    double GazeY,
    double BackgroundHue,
    double BackgroundLevel,
    FaceBackdrop Background,
    double Dx,
    double Dy
);
