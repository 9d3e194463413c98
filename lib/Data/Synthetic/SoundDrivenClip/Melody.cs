namespace Dino.Repro.Data.Synthetic.SoundDrivenClip;

/// <summary>One note: onset and length in seconds, its step on the scale (0 = lowest) and its loudness in (0, 1].</summary>
public sealed record Note(double Start, double Duration, int Step, double Loudness)
{
    public double End => Start + Duration;

    /// <summary>Fundamental frequency: A3 (220 Hz) raised by the step's interval of the pentatonic scale.</summary>
    public double Frequency => 220 * Math.Pow(2, Melody.Semitones[Step] / 12.0);

    /// <summary>The note's amplitude at <paramref name="time"/> (0 outside it): 10 ms attack, exponential decay, 20 ms release.</summary>
    public double Envelope(double time)
    {
        var t = time - Start;
        if (t < 0 || t >= Duration)
            return 0;
        var attack = Math.Min(1, t / 0.01);
        var release = Math.Min(1, (Duration - t) / 0.02);
        return Loudness * attack * release * Math.Exp(-t / Duration);
    }
}

/// <summary>
/// A random melody on a two-octave major pentatonic scale (notes 0.2–0.6 s with short rests), and its sound: each note
/// a fundamental plus a quieter octave. Deterministic for a seed.
/// </summary>
public static class Melody
{
    /// <summary>Semitones above A3 of the scale steps (A major pentatonic, A B C♯ E F♯, over two octaves).</summary>
    public static readonly int[] Semitones = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21];

    public static IReadOnlyList<Note> Compose(long seed, double seconds)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var notes = new List<Note>();
        var time = 0.1;
        while (true)
        {
            var duration = 0.2 + 0.4 * random.NextDouble();
            if (time + duration > seconds)
                break;
            notes.Add(new Note(time, duration, random.Next(Semitones.Length), 0.3 + 0.7 * random.NextDouble()));
            time += duration + 0.05 + 0.15 * random.NextDouble();
        }
        return notes;
    }

    /// <summary>The melody's mono samples, <paramref name="seconds"/> long, peak below 0.9.</summary>
    public static float[] Synthesize(IReadOnlyList<Note> notes, double seconds, int sampleRate)
    {
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        foreach (var note in notes)
        {
            var first = (int)Math.Floor(note.Start * sampleRate);
            var last = Math.Min(samples.Length, (int)Math.Ceiling(note.End * sampleRate));
            for (var n = first; n < last; n++)
            {
                var t = (double)n / sampleRate;
                var phase = 2 * Math.PI * note.Frequency * (t - note.Start);
                samples[n] += (float)(0.7 * note.Envelope(t) * (Math.Sin(phase) + 0.25 * Math.Sin(2 * phase)) / 1.25);
            }
        }
        return samples;
    }

    /// <summary>The note sounding at <paramref name="time"/>, or null in a rest.</summary>
    public static Note? At(IReadOnlyList<Note> notes, double time) => notes.FirstOrDefault(n => time >= n.Start && time < n.End);
}
