using System.Globalization;
using System.Text.Json;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The embedded corpus of Listen and Move's tables: one clip per Table 1 column — melodic (cello), harmonic (quintet),
/// percussive (drums) and speech (talking head) — each a source whose sound drives shapes over a static textured
/// backdrop with motion that remembers the last ~150–300 ms, plus a bank of out-of-distribution sounds (Table 2's
/// FSD50K stand-in). Written in data-scripts/sound-video.sh's layout — &lt;root&gt;/&lt;source&gt;.mp4 (H.264 + AAC), read by
/// <see cref="SoundVideo.SoundVideoCorpus"/> as a real clip — with &lt;source&gt;.states.json holding each frame's
/// ground-truth state (<see cref="SoundMotionStates"/>) and ood/*.wav.
/// </summary>
public static class SoundMotionCorpus
{
    public const string Name = "sound-motion";

    public static IReadOnlyList<ISoundMotionSource> Sources { get; } =
    [new MelodicSource(), new HarmonicSource(), new PercussiveSource(), new SpeechSource()];

    public static ISoundMotionSource Source(string name) =>
        Sources.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no Sound-motion source '{name}' (sources: {string.Join(", ", Sources.Select(s => s.Name))})");

    /// <summary>Writes every source's clip and states, and the sound bank, under <paramref name="root"/>.</summary>
    public static void Write(string root, SoundMotionOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(root);
        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            // Each source its own stream, so adding a source never changes another's clip.
            var random = new Random(unchecked((int)options.Seed * 7919 + i * 104729));
            var backdrop = TexturedBackdrop.Make(options.Size, random);
            var track = source.Make(options, random);
            SoundingVideo.Write(
                Path.Combine(root, source.Name + ".mp4"),
                options.Size,
                options.Fps,
                track.States.Select(state => source.Render(state, backdrop).ToTensor()),
                track.Audio,
                options.SampleRate
            );
            SoundMotionStates.Write(root, source, options, track);
        }
        OodSoundBank.Write(root, options.OodSounds, options.SampleRate, new Random(unchecked((int)options.Seed * 31 + 17)));
        var manifest = new
        {
            corpus = Name,
            layout = "sound-video",
            seconds = options.Seconds,
            size = options.Size,
            fps = options.Fps,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            sources = Sources.Select(s => new { name = s.Name, column = s.Column }),
            ood_sounds = options.OodSounds,
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, Name + ".json"),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>Bumped when a source draws or sounds differently, so clips made before are not reused.</summary>
    public const string Version = "v1";

    /// <summary>
    /// The corpus of <paramref name="seconds"/>-long clips from the kit's seed (0), made once under the data root with the
    /// sound bank of the smoke or cpu preset (whichever is at least that long); returns the folder of its clips.
    /// </summary>
    public static string MadeOnce(double seconds)
    {
        var smoke = SoundMotionOptions.ForPreset(Preset.Smoke);
        var options = (seconds <= smoke.Seconds ? smoke : SoundMotionOptions.ForPreset(Preset.Cpu)) with { Seconds = seconds };
        options.Validate();
        var root = Path.Combine(
            KitPaths.DataRoot(),
            Name,
            $"{Version}-seed{options.Seed}-{options.Seconds:0.##}s-{options.Size}px-ood{options.OodSounds}"
        );
        MadeOnceFolder.Ensure(root, Name + ".json", folder => Write(folder, options));
        return root;
    }

    /// <summary>`dino corpus make sound-motion`: --count sets each clip's length in seconds, --size its frames.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = SoundMotionOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Seconds = request.Count ?? options.Seconds, Size = request.Size ?? options.Size };
        Write(root, options);
        return $"wrote {Sources.Count} Sound-motion clips of {options.Seconds:0.#} s at {options.Size}², {options.Fps:0} fps, "
            + $"and {options.OodSounds} out-of-distribution sounds (seed {options.Seed}) to {root}";
    }
}
