namespace Dino.Repro.Signal.Speech;

/// <summary>
/// One espeak-ng voice setting: language voice (<c>-v</c>), optional variant (<c>+f3</c>, <c>+m2</c>, …), pitch
/// (<c>-p</c>, 0–99), speed in words per minute (<c>-s</c>, 80–450), amplitude (<c>-a</c>, 0–200) and extra gap
/// between words in units of 10 ms (<c>-g</c>). The defaults are espeak-ng's own.
/// </summary>
public sealed record SpeechVoice(
    string Language = "en-us",
    string? Variant = null,
    int Pitch = 50,
    int Speed = 175,
    int Amplitude = 100,
    int WordGap = 0
)
{
    /// <summary>The <c>-v</c> argument: <c>en-us</c> or <c>en-us+f3</c>.</summary>
    public string VoiceArgument => Variant is { Length: > 0 } ? $"{Language}+{Variant}" : Language;

    /// <summary>A short stable name for file names and reports, e.g. <c>en-us+f3-p60-s150</c>.</summary>
    public string Tag => $"{VoiceArgument}-p{Pitch}-s{Speed}";

    /// <summary>Throws a clear error for settings espeak-ng would clamp or reject silently.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Language) || Language.Any(char.IsWhiteSpace))
            throw new ArgumentException($"voice language must be a single word such as 'en-us', got '{Language}'");
        if (Variant is { } v && (v.Length == 0 || v.Any(c => char.IsWhiteSpace(c) || c == '+')))
            throw new ArgumentException($"voice variant must be a single name such as 'f3', got '{Variant}'");
        if (Pitch is < 0 or > 99)
            throw new ArgumentOutOfRangeException(nameof(Pitch), Pitch, "espeak-ng pitch is 0..99");
        if (Speed is < 80 or > 450)
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "espeak-ng speed is 80..450 words per minute");
        if (Amplitude is < 0 or > 200)
            throw new ArgumentOutOfRangeException(nameof(Amplitude), Amplitude, "espeak-ng amplitude is 0..200");
        if (WordGap is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(WordGap), WordGap, "word gap is 0..100 (×10 ms)");
    }
}
