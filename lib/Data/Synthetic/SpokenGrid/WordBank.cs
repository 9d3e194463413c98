using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>A word as one voice says it: the samples from its first to its last audible sample, and its visemes.</summary>
public sealed record WordRecording(string Word, float[] Samples, IReadOnlyList<Viseme> Visemes);

/// <summary>
/// Each GRID word spoken once per voice by espeak-ng, then reused: an utterance is its words' recordings laid end
/// to end, so the word boundaries of the <c>.align</c> file are exact sample positions, and the corpus needs
/// 51 syntheses per voice instead of six per utterance (espeak-ng is deterministic, so nothing changes).
/// </summary>
public sealed class WordBank
{
    /// <summary>A sample is audible above this fraction of the word's peak.</summary>
    private const float AudibleFraction = 0.02f;

    private readonly Dictionary<string, WordRecording> words = new(StringComparer.Ordinal);

    public WordBank(SpeechVoice voice, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(voice);
        Voice = voice;
        SampleRate = sampleRate;
    }

    public SpeechVoice Voice { get; }
    public int SampleRate { get; }

    public WordRecording this[string word]
    {
        get
        {
            if (words.TryGetValue(word, out var recording))
                return recording;
            recording = Record(word);
            words[word] = recording;
            return recording;
        }
    }

    private WordRecording Record(string word)
    {
        var samples = EspeakNg.Synthesize(word, Voice, SampleRate).MixToMono();
        var peak = samples.Length == 0 ? 0 : samples.Max(Math.Abs);
        var first = Array.FindIndex(samples, s => Math.Abs(s) > AudibleFraction * peak);
        var last = Array.FindLastIndex(samples, s => Math.Abs(s) > AudibleFraction * peak);
        if (peak == 0 || first < 0)
            throw new SpeechSynthesisException($"espeak-ng produced silence for \"{word}\" with voice {Voice.Tag}");
        var visemes = Visemes.Of(Visemes.Tokenize(EspeakNg.Phonemes(word, Voice)));
        return new WordRecording(word, samples[first..(last + 1)], visemes);
    }
}
