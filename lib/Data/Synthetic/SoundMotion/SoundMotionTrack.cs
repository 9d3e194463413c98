using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// One source of the Sound-motion corpus: its sound, and the state of the picture at every video frame (the ground
/// truth a sync-error metric reads), with the names of the state's fields.
/// </summary>
/// <param name="States">[frame][field], each field in [0, 1].</param>
public sealed record SoundMotionTrack(float[] Audio, IReadOnlyList<double[]> States, IReadOnlyList<string> Fields);

/// <summary>A source: how its sound and states are made and how a state is drawn over the source's static backdrop.</summary>
public interface ISoundMotionSource
{
    /// <summary>The clip's name ("melodic", ...): its video is &lt;name&gt;.mp4.</summary>
    string Name { get; }

    /// <summary>The Table 1 column it stands in for (Cello, Quintet, Drums, Talking Head).</summary>
    string Column { get; }

    SoundMotionTrack Make(SoundMotionOptions options, Random random);

    /// <summary>Draws a frame with <paramref name="state"/> on a copy of <paramref name="backdrop"/>.</summary>
    Canvas Render(double[] state, Canvas backdrop);
}
