using Dino.Repro.Signal.Speech;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// One synthetic speaker: an espeak-ng voice and the face it is paired with. Every trait is drawn from the corpus seed
/// and the identity's index, so the same identity always looks and sounds the same. Voice and face are correlated, as
/// in real speakers, so that a speech-to-face model can be checked on speakers it never heard: a female voice variant
/// goes with long hair, and the pitch falls as the face gets longer (<see cref="Aspect"/> 1.2 → pitch ≈ 75, 1.38 → ≈ 25).
/// </summary>
/// <param name="HalfWidth">Face half-width as a fraction of the frame side.</param>
/// <param name="Aspect">Face half-height / half-width.</param>
/// <param name="EyeSpacing">Eye centre offset from the face's midline, as a fraction of the half-width.</param>
/// <param name="EyeSize">Scale of the eyes (1 = average).</param>
/// <param name="Phase">Phase of the identity's head sway, in radians.</param>
/// <param name="Traits">The face's look beyond its shape and colours: long hair for a female voice, none otherwise.</param>
public sealed record VoiceFaceIdentity(
    int Index,
    SpeechVoice Voice,
    Rgb Skin,
    Rgb Hair,
    Rgb Clothes,
    Rgb Background,
    double HalfWidth,
    double Aspect,
    double EyeSpacing,
    double EyeSize,
    double Phase,
    FaceTraits Traits
)
{
    /// <summary>Whether the voice is one of espeak-ng's female variants (f1 … f5).</summary>
    public bool Female => Voice.Variant?.StartsWith('f') == true;

    /// <summary>The identity's folder name, which the YouTubers reader turns into its label.</summary>
    public string Name => $"voice-{Index:00}";

    // Skin tones from light to dark, hair from black to grey; the face detector works on all of them because the
    // eyes, brows and mouth are drawn darker than the skin around them.
    private static readonly Rgb[] SkinTones =
    [
        Rgb.FromUnit(0.98, 0.86, 0.76),
        Rgb.FromUnit(0.95, 0.80, 0.68),
        Rgb.FromUnit(0.90, 0.72, 0.58),
        Rgb.FromUnit(0.80, 0.60, 0.45),
        Rgb.FromUnit(0.66, 0.47, 0.34),
        Rgb.FromUnit(0.52, 0.36, 0.26),
    ];
    private static readonly Rgb[] HairColours =
    [
        Rgb.FromUnit(0.08, 0.06, 0.05),
        Rgb.FromUnit(0.25, 0.16, 0.09),
        Rgb.FromUnit(0.45, 0.30, 0.16),
        Rgb.FromUnit(0.70, 0.58, 0.35),
        Rgb.FromUnit(0.55, 0.22, 0.10),
        Rgb.FromUnit(0.50, 0.50, 0.50),
    ];
    private static readonly string[] Variants = ["m1", "f1", "m2", "f2", "m3", "f3", "m4", "f4", "m5", "f5", "m6", "m7"];

    public static VoiceFaceIdentity Create(long seed, int index)
    {
        var random = new Random(unchecked((int)(seed * 1_000_003 + index * 7_919)));
        double Between(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        // Jitter of each channel by up to ±amount of its full range.
        Rgb Jitter(Rgb c, double amount) =>
            Rgb.FromUnit(c.R / 255.0 + Between(-amount, amount), c.G / 255.0 + Between(-amount, amount), c.B / 255.0 + Between(-amount, amount));

        // The draws keep their order, and the new ones come last: the two-domain faces draw their heads with this too.
        var pitchJitter = (random.Next(25, 76) - 50) / 8; // ±3
        var speed = random.Next(140, 191);
        var tint = Rgb.FromHue(random.NextDouble(), 1);
        var skin = Jitter(SkinTones[random.Next(SkinTones.Length)], 0.03);
        var hair = Jitter(HairColours[random.Next(HairColours.Length)], 0.03);
        // Hair lighter than the skin hides the face's outline from the cascade: darken it to at most 60% of the skin's luma.
        hair = hair.Scale(Math.Min(1, 0.6 * skin.Luma / Math.Max(hair.Luma, 1e-3)));
        // Likewise a background as bright as the face: light faces go on mid tones, dark faces on light ones.
        var grey = skin.Luma > 0.55 * 255 ? Between(0.3, 0.5) : Between(0.65, 0.85);
        var background = Rgb.FromUnit(
            grey + 0.25 * (tint.R / 255.0 - 0.5),
            grey + 0.25 * (tint.G / 255.0 - 0.5),
            grey + 0.25 * (tint.B / 255.0 - 0.5)
        );
        var clothes = Rgb.FromHue(random.NextDouble(), Between(0.3, 0.8));
        var halfWidth = Between(0.24, 0.29);
        var aspect = Between(1.2, 1.38);
        var eyeSpacing = Between(0.36, 0.46);
        var eyeSize = Between(0.85, 1.15);
        var phase = Between(0, 2 * Math.PI);
        var variant = Variants[index % Variants.Length];
        var pitch = Math.Clamp((int)Math.Round(75 - 50 * (aspect - 1.2) / 0.18) + pitchJitter, 20, 80);
        var voice = new SpeechVoice("en-us", variant, Pitch: pitch, Speed: speed);
        var traits = variant[0] == 'f' ? FaceTraits.None with { HairLength = Between(0.6, 0.9) } : FaceTraits.None;
        return new VoiceFaceIdentity(index, voice, skin, hair, clothes, background, halfWidth, aspect, eyeSpacing, eyeSize, phase, traits);
    }
}
