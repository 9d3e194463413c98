using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The FSD50K stand-in of Listen and Move's Table 2: sounds of 1–5 s unlike anything a source plays — filtered noise
/// bursts, frequency sweeps, click trains and another voice — written as <c>ood/ood-NNN-kind.wav</c>. The generator
/// meets them only at evaluation, with its states reset per sound, as the paper does with FSD50K clips.
/// </summary>
public static class OodSoundBank
{
    public const string Folder = "ood";

    public static readonly string[] Kinds = ["noise", "sweep", "clicks", "voice"];

    /// <summary>Writes <paramref name="count"/> sounds under <paramref name="root"/>/ood; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string root, int count, int sampleRate, Random random)
    {
        var folder = Path.Combine(root, Folder);
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var seconds = 1 + 4 * random.NextDouble();
            var samples = kind switch
            {
                "noise" => NoiseBurst(seconds, sampleRate, random),
                "sweep" => Sweep(seconds, sampleRate, random),
                "clicks" => Clicks(seconds, sampleRate, random),
                _ => Voice(seconds, sampleRate, random),
            };
            var path = Path.Combine(folder, $"ood-{i:000}-{kind}.wav");
            WavFile.Write(path, samples, sampleRate);
            paths.Add(path);
        }
        return paths;
    }

    // Noise smoothed by a random one-pole low-pass (a rumble to a hiss) under a slow swell.
    private static float[] NoiseBurst(double seconds, int rate, Random random)
    {
        var samples = new float[(int)(seconds * rate)];
        var alpha = 0.02 + 0.9 * random.NextDouble();
        double y = 0;
        for (var n = 0; n < samples.Length; n++)
        {
            y += alpha * (random.NextDouble() * 2 - 1 - y);
            samples[n] = (float)(0.6 * Math.Sin(Math.PI * n / samples.Length) * y / Math.Sqrt(alpha));
        }
        return Normalise(samples);
    }

    // An exponential sweep between 100 Hz and 6 kHz, up or down.
    private static float[] Sweep(double seconds, int rate, Random random)
    {
        var (from, to) = random.Next(2) == 0 ? (100.0, 6000.0) : (6000.0, 100.0);
        var samples = new float[(int)(seconds * rate)];
        var k = Math.Log(to / from) / seconds;
        for (var n = 0; n < samples.Length; n++)
        {
            var t = n / (double)rate;
            samples[n] = (float)(0.5 * Math.Sin(2 * Math.PI * from * (Math.Exp(k * t) - 1) / k));
        }
        return samples;
    }

    // Short decaying clicks at a random rate of 2–20 per second.
    private static float[] Clicks(double seconds, int rate, Random random)
    {
        var samples = new float[(int)(seconds * rate)];
        var perSecond = 2 + 18 * random.NextDouble();
        for (var t = random.NextDouble() / perSecond; t < seconds; t += (0.5 + random.NextDouble()) / perSecond)
        for (var n = 0; n < rate / 200 && (int)(t * rate) + n < samples.Length; n++)
            samples[(int)(t * rate) + n] += (float)(0.8 * Math.Exp(-n / (rate / 1000.0)) * (random.NextDouble() * 2 - 1));
        return Normalise(samples);
    }

    // Another voice (a female variant, higher and faster) saying numbers, cut to length.
    private static float[] Voice(double seconds, int rate, Random random)
    {
        var text = string.Join(
            ' ',
            Enumerable.Range(0, 12).Select(_ => random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
        var spoken = EspeakNg.Synthesize(text, new SpeechVoice(Variant: "f2", Pitch: 70, Speed: 190), rate).MixToMono();
        var samples = new float[(int)(seconds * rate)];
        Array.Copy(spoken, samples, Math.Min(spoken.Length, samples.Length));
        return samples;
    }

    private static float[] Normalise(float[] samples)
    {
        var peak = samples.Max(Math.Abs);
        if (peak > 0.9f)
            for (var n = 0; n < samples.Length; n++)
                samples[n] *= 0.9f / peak;
        return samples;
    }
}
