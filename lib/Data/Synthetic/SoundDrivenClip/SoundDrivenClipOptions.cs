using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.SoundDrivenClip;

/// <summary>Length, frame size and seed of the Sound-driven clip; 20 fps as Listen and Move, audio written at 48 kHz.</summary>
public sealed record SoundDrivenClipOptions(double Seconds, int Size, long Seed, double Fps = 20, int SampleRate = 48000)
{
    /// <summary>smoke: 4 s at 64² (80 frames); cpu: 60 s at 64² (1200 frames).</summary>
    public static SoundDrivenClipOptions ForPreset(Preset preset, long seed = 0) =>
        preset switch
        {
            Preset.Smoke => new SoundDrivenClipOptions(4, 64, seed),
            Preset.Cpu => new SoundDrivenClipOptions(60, 64, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on a real clip (data-scripts/sound-video.sh), not on the Sound-driven clip (presets: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    public int FrameCount => (int)Math.Round(Seconds * Fps);
}
