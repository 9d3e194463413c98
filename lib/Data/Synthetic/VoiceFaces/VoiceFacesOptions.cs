using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>Size of the Voice faces corpus: identities, videos per identity, sentences per video, frame side, seed.</summary>
public sealed record VoiceFacesOptions(
    int Identities,
    int VideosPerIdentity,
    int SentencesPerVideo,
    int Size,
    long Seed,
    double Fps = 25,
    int SampleRate = 16000
)
{
    /// <summary>smoke: 4 identities × 2 videos of 3 sentences (≈ 6 s) at 96²; cpu: 12 × 6 videos of 8 sentences (≈ 16 s) at 128².</summary>
    public static VoiceFacesOptions ForPreset(Preset preset, long seed = 0) =>
        preset switch
        {
            Preset.Smoke => new VoiceFacesOptions(4, 2, 3, 96, seed),
            Preset.Cpu => new VoiceFacesOptions(12, 6, 8, 128, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on the real YouTubers videos (data-scripts/youtubers.sh), not on Voice faces (presets: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    public void Validate()
    {
        if (Identities is < 1 or > 1000)
            throw new ArgumentException($"--count (identities) must lie in 1..1000 (got {Identities})");
        if (VideosPerIdentity < 1 || SentencesPerVideo < 1)
            throw new ArgumentException("each identity needs at least one video of one sentence");
        // Below ~80 px the cascade misses some faces (its smallest window is 24 px and the face fills ~55% of the frame).
        if (Size is < 80 or > 1024)
            throw new ArgumentException($"--size must lie in 80..1024 so the face detector finds the faces (got {Size})");
    }
}
