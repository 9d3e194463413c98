using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The drums stand-in: cymbal-like hits (bright noise decaying with a 300 ms time constant, 0.25–0.9 s apart, random
/// strength) each light a flash at the centre that decays as the sound does, so a frame's brightness remembers the
/// last hits. State: [flash] = the strongest hit's strength · e^(−Δt / 0.3 s), at most 1.
/// </summary>
public sealed class PercussiveSource : ISoundMotionSource
{
    public const double Decay = 0.3;

    public string Name => "percussive";
    public string Column => "Drums";

    public SoundMotionTrack Make(SoundMotionOptions options, Random random)
    {
        var hits = new List<(double Onset, double Strength)>();
        for (var t = 0.2 + 0.3 * random.NextDouble(); t < options.Seconds - 0.1; t += 0.25 + 0.65 * random.NextDouble())
            hits.Add((t, 0.4 + 0.6 * random.NextDouble()));
        var rate = options.SampleRate;
        var audio = new float[(int)Math.Round(options.Seconds * rate)];
        double previous = 0;
        foreach (var (onset, strength) in hits)
        {
            var end = Math.Min(audio.Length, (int)((onset + 6 * Decay) * rate));
            for (var n = (int)(onset * rate); n < end; n++)
            {
                // White noise through a first difference: the high, hissing spectrum of a cymbal.
                var noise = random.NextDouble() * 2 - 1;
                var bright = noise - previous;
                previous = noise;
                audio[n] += (float)(0.35 * strength * Math.Exp(-(n / (double)rate - onset) / Decay) * bright);
            }
        }
        for (var n = 0; n < audio.Length; n++)
            audio[n] = Math.Clamp(audio[n], -0.95f, 0.95f);
        double Flash(double t) =>
            Math.Min(1, hits.Where(h => h.Onset <= t).Select(h => h.Strength * Math.Exp(-(t - h.Onset) / Decay)).DefaultIfEmpty(0).Max());
        var flash = ControlSignal.PerFrame(ControlSignal.Sample(options.Seconds, Flash), options.FrameCount, options.Fps);
        return new SoundMotionTrack(audio, [.. flash.Select(f => new[] { f })], ["flash"]);
    }

    public Canvas Render(double[] state, Canvas backdrop)
    {
        var canvas = new Canvas(backdrop);
        var s = canvas.Width;
        var flash = state[0];
        var colour = Rgb.FromUnit(0.35, 0.3, 0.15).Mix(Rgb.FromUnit(1, 0.95, 0.7), flash);
        canvas.FillEllipse(s * 0.5, s * 0.5, s * (0.1 + 0.3 * flash), s * (0.1 + 0.3 * flash), colour);
        return canvas;
    }
}
