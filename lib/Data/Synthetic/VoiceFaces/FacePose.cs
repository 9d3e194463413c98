namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// Where the head points and the eyes look, beyond <see cref="FaceState"/>'s frontal face (voice-faces draws every face
/// <see cref="Frontal"/>).
/// </summary>
/// <param name="Yaw">Head turn in degrees, positive to the viewer's right: the features slide across the face by their depth.</param>
/// <param name="Roll">Head tilt in degrees, positive clockwise on screen, about the face's centre.</param>
/// <param name="GazeX">Iris offset in the eye, −1 (viewer's left) … 1 (right), as a fraction of its travel.</param>
/// <param name="GazeY">Iris offset in the eye, −1 (up) … 1 (down).</param>
public readonly record struct FacePose(double Yaw, double Roll, double GazeX, double GazeY)
{
    public static FacePose Frontal => default;
}
