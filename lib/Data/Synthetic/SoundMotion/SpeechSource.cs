using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The talking-head stand-in: espeak-ng speaks random short sentences with pauses; a face's mouth opens with the
/// speech's loudness (the RMS over 20 ms, normalised to the clip's 99th percentile, through a 60 ms low-pass).
/// State: [openness].
/// </summary>
public sealed class SpeechSource : ISoundMotionSource
{
    private static readonly string[] Words =
    [
        "bin",
        "blue",
        "at",
        "four",
        "now",
        "place",
        "green",
        "by",
        "seven",
        "soon",
        "lay",
        "white",
        "with",
        "nine",
        "again",
        "set",
        "red",
        "in",
        "two",
        "please",
        "the",
        "quiet",
        "river",
        "moves",
        "slowly",
        "under",
        "bright",
        "lanterns",
    ];

    public const double MouthMemory = 0.06;

    public string Name => "speech";
    public string Column => "Talking Head";

    public SoundMotionTrack Make(SoundMotionOptions options, Random random)
    {
        var rate = options.SampleRate;
        var audio = new float[(int)Math.Round(options.Seconds * rate)];
        var voice = new SpeechVoice(Variant: "m3", Pitch: 45, Speed: 160);
        var at = (int)(0.2 * rate);
        while (at < audio.Length)
        {
            var sentence = string.Join(' ', Enumerable.Range(0, 3 + random.Next(4)).Select(_ => Words[random.Next(Words.Length)]));
            var spoken = EspeakNg.Synthesize(sentence, voice, rate).MixToMono();
            var count = Math.Min(spoken.Length, audio.Length - at);
            Array.Copy(spoken, 0, audio, at, count);
            at += count + (int)((0.2 + 0.5 * random.NextDouble()) * rate);
        }
        var window = rate / 50; // 20 ms
        var rms = ControlSignal.Sample(options.Seconds, t =>
        {
            var start = Math.Clamp((int)(t * rate) - window / 2, 0, audio.Length - window);
            var energy = 0.0;
            foreach (var sample in audio.AsSpan(start, window))
                energy += (double)sample * sample;
            return Math.Sqrt(energy / window);
        });
        var loud = rms.Order().ElementAt((int)(0.99 * (rms.Length - 1)));
        var openness = ControlSignal.LowPass([.. rms.Select(r => loud > 0 ? Math.Min(1, r / loud) : 0)], MouthMemory);
        var frames = ControlSignal.PerFrame(openness, options.FrameCount, options.Fps);
        return new SoundMotionTrack(audio, [.. frames.Select(o => new[] { o })], ["openness"]);
    }

    public Canvas Render(double[] state, Canvas backdrop)
    {
        var canvas = new Canvas(backdrop);
        var s = canvas.Width;
        canvas.FillEllipse(s * 0.5, s * 0.5, s * 0.3, s * 0.38, Rgb.FromUnit(0.85, 0.68, 0.55));
        canvas.FillEllipse(s * 0.38, s * 0.38, s * 0.04, s * 0.03, Rgb.FromUnit(0.15, 0.1, 0.1));
        canvas.FillEllipse(s * 0.62, s * 0.38, s * 0.04, s * 0.03, Rgb.FromUnit(0.15, 0.1, 0.1));
        canvas.FillEllipse(s * 0.5, s * 0.66, s * 0.12, s * (0.012 + 0.09 * state[0]), Rgb.FromUnit(0.35, 0.05, 0.08));
        return canvas;
    }
}
