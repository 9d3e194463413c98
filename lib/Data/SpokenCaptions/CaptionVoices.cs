using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// The espeak-ng voices that speak the captions, standing in for the paper's commercial TTS speakers: two male and two
/// female variants at different pitch and speed, so the speech encoder cannot key on one voice.
/// </summary>
public static class CaptionVoices
{
    public static IReadOnlyList<SpeechVoice> Default { get; } =
    [
        new SpeechVoice("en-us", "m3", Pitch: 45, Speed: 165),
        new SpeechVoice("en-us", "f2", Pitch: 62, Speed: 175),
        new SpeechVoice("en-us", "m1", Pitch: 38, Speed: 150),
        new SpeechVoice("en-us", "f4", Pitch: 70, Speed: 185),
    ];

    /// <summary>
    /// The voice that speaks caption <paramref name="line"/> of <paramref name="imageKey"/>: the voices take turns along an
    /// image's captions from an offset hashed from the key, so every image hears every voice and no voice always gets
    /// line 0. Depends on the key and line only (not on corpus order), so adding images never reassigns voices.
    /// </summary>
    public static int IndexFor(string imageKey, int line, int voiceCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(voiceCount);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        return (int)((StableHash(imageKey) + (uint)line) % (uint)voiceCount);
    }

    // FNV-1a over UTF-16 code units: string.GetHashCode is randomised per process.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }
}
