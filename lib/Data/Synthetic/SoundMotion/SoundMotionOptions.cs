using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// Length, frame size and seed of each Sound-motion clip, and the size of its out-of-distribution sound bank; 20 fps
/// as Listen and Move, sound written at 48 kHz (the reader resamples to the features' 64 kHz).
/// </summary>
public sealed record SoundMotionOptions(double Seconds, int Size, long Seed, int OodSounds, double Fps = 20, int SampleRate = 48000)
{
    /// <summary>smoke: 8 s a source at 64², 4 out-of-distribution sounds; cpu: 120 s at 64², 40 sounds.</summary>
    public static SoundMotionOptions ForPreset(Preset preset, long seed = 0) =>
        preset switch
        {
            Preset.Smoke => new SoundMotionOptions(8, 64, seed, 4),
            Preset.Cpu => new SoundMotionOptions(120, 64, seed, 40),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on the real clips (data-scripts/sound-video.sh), not on Sound-motion (presets: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    public int FrameCount => (int)Math.Round(Seconds * Fps);

    public void Validate()
    {
        if (!(Seconds is >= 2 and <= 3600))
            throw new ArgumentException($"a Sound-motion clip lasts 2 to 3600 s, not {Seconds}");
        if (Size is < 16 or > 1024)
            throw new ArgumentException($"--size must lie in 16..1024 (got {Size})");
        if (OodSounds is < 0 or > 10_000)
            throw new ArgumentException($"the out-of-distribution bank holds 0 to 10,000 sounds (got {OodSounds})");
        if (!(Fps > 0) || SampleRate < 8000)
            throw new ArgumentException($"fps must be positive and the sample rate at least 8 kHz (got {Fps}, {SampleRate})");
    }
}
