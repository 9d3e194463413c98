using Dino.Repro.Data.Grid;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// One talking-head video of a Voice faces identity: GRID-grammar sentences spoken by the identity's espeak-ng voice
/// (with pauses), and per frame the face's state — a slow head sway, blinks every 1.5–4 s, and the mouth opening with
/// the speech energy of that frame.
/// </summary>
public sealed class TalkingHeadVideo
{
    private const double LeadSeconds = 0.4;
    private const double PauseSeconds = 0.3;
    private const double BlinkSeconds = 0.12;

    private TalkingHeadVideo(string[] sentences, float[] speech, FaceState[] frames)
    {
        Sentences = sentences;
        Speech = speech;
        Frames = frames;
    }

    public IReadOnlyList<string> Sentences { get; }

    /// <summary>Mono speech at the options' sample rate.</summary>
    public float[] Speech { get; }

    /// <summary>The face state of every video frame.</summary>
    public IReadOnlyList<FaceState> Frames { get; }

    public static TalkingHeadVideo Create(VoiceFaceIdentity identity, VoiceFacesOptions options, int video)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(unchecked((int)(options.Seed * 1_000_003 + identity.Index * 7_919 + 104_729 * (video + 1))));
        var sentences = Enumerable.Range(0, options.SentencesPerVideo).Select(_ => string.Join(' ', GridGrammar.Sample(random))).ToArray();
        var speech = Speak(sentences, identity.Voice, options.SampleRate);
        var frameCount = (int)Math.Ceiling(speech.Length * options.Fps / options.SampleRate);
        return new TalkingHeadVideo(sentences, speech, Motion(speech, frameCount, identity, options, random));
    }

    private static float[] Speak(string[] sentences, SpeechVoice voice, int sampleRate)
    {
        var lead = new float[(int)(LeadSeconds * sampleRate)];
        var pause = new float[(int)(PauseSeconds * sampleRate)];
        var parts = new List<float[]> { lead };
        foreach (var sentence in sentences)
        {
            parts.Add(EspeakNg.Synthesize(sentence, voice, sampleRate).Channels[0]);
            parts.Add(pause);
        }
        parts.Add(lead);
        return parts.SelectMany(p => p).ToArray();
    }

    private static FaceState[] Motion(float[] speech, int frameCount, VoiceFaceIdentity identity, VoiceFacesOptions options, Random random)
    {
        var perFrame = options.SampleRate / options.Fps;
        var energy = new double[frameCount];
        for (var k = 0; k < frameCount; k++)
        {
            var from = (int)(k * perFrame);
            var to = Math.Min(speech.Length, (int)((k + 1) * perFrame));
            double sum = 0;
            for (var n = from; n < to; n++)
                sum += speech[n] * speech[n];
            energy[k] = to > from ? Math.Sqrt(sum / (to - from)) : 0;
        }
        // The mouth is fully open at 60% of the loudest frame's RMS.
        var full = Math.Max(0.6 * energy.Max(), 1e-6);
        var frames = new FaceState[frameCount];
        var nextBlink = 1.5 + 2.5 * random.NextDouble();
        for (var k = 0; k < frameCount; k++)
        {
            var t = k / options.Fps;
            if (t >= nextBlink + BlinkSeconds)
                nextBlink = t + 1.5 + 2.5 * random.NextDouble();
            frames[k] = new FaceState(
                0.02 * Math.Sin(2 * Math.PI * t / 3.1 + identity.Phase),
                0.012 * Math.Sin(2 * Math.PI * t / 2.3 + 2 * identity.Phase),
                t >= nextBlink && t < nextBlink + BlinkSeconds,
                Math.Min(1, energy[k] / full)
            );
        }
        return frames;
    }
}
