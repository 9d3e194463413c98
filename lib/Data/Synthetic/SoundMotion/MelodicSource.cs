using Dino.Repro.Data.Synthetic.SoundDrivenClip;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The cello stand-in: a melody (<see cref="Melody"/>) drives one disc. Its height follows the pitch through a 150 ms
/// low-pass (so where the disc is depends on the last notes, not only the current one) and holds it over rests; its
/// size follows the loudness envelope. State: [height, size].
/// </summary>
public sealed class MelodicSource : ISoundMotionSource
{
    public const double PitchMemory = 0.15;

    public string Name => "melodic";
    public string Column => "Cello";

    public SoundMotionTrack Make(SoundMotionOptions options, Random random)
    {
        var notes = Melody.Compose(random.NextInt64(), options.Seconds);
        var top = Melody.Semitones.Length - 1.0;
        var pitch = ControlSignal.LowPass(
            ControlSignal.Sample(options.Seconds, ControlSignal.Holding(t => Melody.At(notes, t) is { } n ? n.Step / top : null, 0.5)),
            PitchMemory
        );
        var size = ControlSignal.Sample(options.Seconds, t => Melody.At(notes, t)?.Envelope(t) ?? 0);
        var frames = options.FrameCount;
        var heights = ControlSignal.PerFrame(pitch, frames, options.Fps);
        var sizes = ControlSignal.PerFrame(size, frames, options.Fps);
        return new SoundMotionTrack(
            Melody.Synthesize(notes, options.Seconds, options.SampleRate),
            [.. Enumerable.Range(0, frames).Select(k => new[] { heights[k], sizes[k] })],
            ["height", "size"]
        );
    }

    public Canvas Render(double[] state, Canvas backdrop)
    {
        var canvas = new Canvas(backdrop);
        var s = canvas.Width;
        var radius = s * (0.05 + 0.15 * state[1]);
        canvas.FillEllipse(s * 0.5, s * (0.8 - 0.6 * state[0]), radius, radius, Rgb.FromHue(0.75 * state[0], 0.6 + 0.4 * state[1]));
        return canvas;
    }
}
