using Dino.Repro.Data.Synthetic.SoundDrivenClip;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The quintet stand-in: three-voice chords (low, middle and high registers of <see cref="Melody"/>'s scale, 0.4–1 s
/// each) drive three discs side by side. Each disc's height follows its voice's pitch through a 150 ms low-pass; all
/// three swell with the chord's envelope. State: [height 1, height 2, height 3, size].
/// </summary>
public sealed class HarmonicSource : ISoundMotionSource
{
    private const int Voices = 3;

    public string Name => "harmonic";
    public string Column => "Quintet";

    public SoundMotionTrack Make(SoundMotionOptions options, Random random)
    {
        var chords = new List<Note[]>();
        var register = Melody.Semitones.Length / Voices; // steps per voice's register
        for (var time = 0.1; ; )
        {
            var duration = 0.4 + 0.6 * random.NextDouble();
            if (time + duration > options.Seconds)
                break;
            var loudness = (0.4 + 0.6 * random.NextDouble()) / Voices; // the voices sum below full scale
            chords.Add([.. Enumerable.Range(0, Voices).Select(v => new Note(time, duration, v * register + random.Next(register + 1), loudness))]);
            time += duration + 0.05 + 0.15 * random.NextDouble();
        }
        Note[]? At(double t) => chords.FirstOrDefault(c => t >= c[0].Start && t < c[0].End);
        var top = Melody.Semitones.Length - 1.0;
        var frames = options.FrameCount;
        var heights = Enumerable
            .Range(0, Voices)
            .Select(v =>
                ControlSignal.PerFrame(
                    ControlSignal.LowPass(
                        ControlSignal.Sample(
                            options.Seconds,
                            ControlSignal.Holding(t => At(t) is { } c ? c[v].Step / top : null, (v + 0.5) / Voices)
                        ),
                        MelodicSource.PitchMemory
                    ),
                    frames,
                    options.Fps
                )
            )
            .ToArray();
        var size = ControlSignal.PerFrame(
            ControlSignal.Sample(options.Seconds, t => At(t) is { } c ? c[0].Envelope(t) * Voices : 0),
            frames,
            options.Fps
        );
        return new SoundMotionTrack(
            Melody.Synthesize([.. chords.SelectMany(c => c)], options.Seconds, options.SampleRate),
            [.. Enumerable.Range(0, frames).Select(k => new[] { heights[0][k], heights[1][k], heights[2][k], size[k] })],
            ["height1", "height2", "height3", "size"]
        );
    }

    public Canvas Render(double[] state, Canvas backdrop)
    {
        var canvas = new Canvas(backdrop);
        var s = canvas.Width;
        var radius = s * (0.04 + 0.08 * state[Voices]);
        for (var v = 0; v < Voices; v++)
            canvas.FillEllipse(
                s * (0.2 + 0.3 * v),
                s * (0.85 - 0.7 * state[v]),
                radius,
                radius,
                Rgb.FromHue(0.1 + 0.3 * v, 0.5 + 0.5 * state[Voices])
            );
        return canvas;
    }
}
