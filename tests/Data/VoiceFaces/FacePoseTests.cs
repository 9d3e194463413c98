using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.VoiceFaces;

public class FacePoseTests
{
    private const int Size = 128;
    private static readonly Rgb Iris = Rgb.FromUnit(0.1, 0.07, 0.05);
    private static readonly VoiceFaceIdentity Identity = VoiceFaceIdentity.Create(seed: 2, index: 1);

    [Fact]
    public void Yaw_slides_the_eyes_sideways_by_their_depth_and_gaze_moves_the_irises_within_them()
    {
        var (frontalX, _) = IrisCentre(FacePose.Frontal, right: null);
        var a = Identity.HalfWidth * Size;
        // Eyes sit 0.75 half-widths in front of the head's axis (irises 0.8): they slide by 0.8·a·sin(yaw).
        var (turnedX, _) = IrisCentre(new FacePose(Yaw: 20, 0, 0, 0), right: null);
        Assert.Equal(0.8 * a * Math.Sin(20 * Math.PI / 180), turnedX - frontalX, 0.5);
        var (lookingX, lookingY) = IrisCentre(new FacePose(0, 0, GazeX: -1, GazeY: 1), right: null);
        Assert.Equal(-0.1 * a * Identity.EyeSize, lookingX - frontalX, 0.5);
        Assert.True(lookingY > IrisCentre(FacePose.Frontal, right: null).Y + 0.5);
    }

    [Fact]
    public void Roll_turns_the_face_clockwise_about_its_centre()
    {
        var pose = new FacePose(0, Roll: 10, 0, 0);
        var (leftX, leftY) = IrisCentre(pose, right: false);
        var (rightX, rightY) = IrisCentre(pose, right: true);
        Assert.Equal(10, Math.Atan2(rightY - leftY, rightX - leftX) * 180 / Math.PI, 1.0);
    }

    // Centre of the pixels painted in the iris colour (of one eye, or both), in pixels.
    private static (double X, double Y) IrisCentre(FacePose pose, bool? right)
    {
        var canvas = new Canvas(Size, Size, new Rgb(200, 200, 200));
        TalkingFace.Paint(canvas, Identity, default, pose, FaceTraits.None);
        var pixels = (
            from y in Enumerable.Range(0, Size)
            from x in Enumerable.Range(0, Size)
            where canvas[x, y] == Iris && (right is null || (x >= Size / 2) == right)
            select (X: x + 0.5, Y: y + 0.5)
        ).ToArray();
        Assert.NotEmpty(pixels);
        return (pixels.Average(p => p.X), pixels.Average(p => p.Y));
    }
}
