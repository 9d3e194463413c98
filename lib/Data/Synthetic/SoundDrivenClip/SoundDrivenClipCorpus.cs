using System.Globalization;
using System.Text.Json;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SoundDrivenClip;

/// <summary>
/// The embedded sound-to-video corpus: one clip whose picture follows its sound. A melody plays (<see cref="Melody"/>);
/// while a note sounds a disc is drawn whose horizontal position and hue are set by the note's pitch, which rises
/// over the note, and whose radius follows the note's loudness envelope; rests show the empty background. Written as
/// <c>&lt;out&gt;/sound-driven-clip.mp4</c> (H.264 + AAC) in the folder layout of data-scripts/sound-video.sh, so
/// <see cref="Dino.Repro.Data.SoundVideo.SoundVideoCorpus"/> reads it; <c>sound-driven-clip.json</c> lists the notes.
/// </summary>
public static class SoundDrivenClipCorpus
{
    public const string Name = "sound-driven-clip";
    public const string VideoFile = Name + ".mp4";

    private static readonly Rgb Background = Rgb.FromUnit(0.08, 0.08, 0.12);

    /// <summary>Frame <paramref name="index"/> as uint8 [S, S, 3]: what sounds in the middle of its 1/fps interval.</summary>
    public static Tensor RenderFrame(IReadOnlyList<Note> notes, SoundDrivenClipOptions options, int index)
    {
        var time = (index + 0.5) / options.Fps;
        var size = options.Size;
        var canvas = new Canvas(size, size, Background);
        if (Melody.At(notes, time) is { } note)
        {
            var pitch = note.Step / (double)(Melody.Semitones.Length - 1);
            var progress = (time - note.Start) / note.Duration;
            var radius = size * (0.04 + 0.2 * note.Envelope(time));
            canvas.FillEllipse(size * (0.15 + 0.7 * pitch), size * (0.7 - 0.4 * progress), radius, radius, Rgb.FromHue(0.8 * pitch));
        }
        return canvas.ToTensor();
    }

    /// <summary>Writes the clip and its note list under <paramref name="root"/>; returns the video's path.</summary>
    public static string Write(string root, SoundDrivenClipOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Seconds is >= 1 and <= 3600))
            throw new ArgumentException($"the clip lasts 1 to 3600 s, not {options.Seconds}");
        if (options.Size is < 16 or > 1024)
            throw new ArgumentException($"--size must lie in 16..1024 (got {options.Size})");
        Directory.CreateDirectory(root);
        var notes = Melody.Compose(options.Seed, options.Seconds);
        var videoPath = Path.Combine(root, VideoFile);
        SoundingVideo.Write(
            videoPath,
            options.Size,
            options.Fps,
            Enumerable.Range(0, options.FrameCount).Select(k => RenderFrame(notes, options, k)),
            Melody.Synthesize(notes, options.Seconds, options.SampleRate),
            options.SampleRate
        );
        WriteNotes(root, options, notes);
        return videoPath;
    }

    private static void WriteNotes(string root, SoundDrivenClipOptions options, IReadOnlyList<Note> notes)
    {
        var manifest = new
        {
            corpus = Name,
            layout = "sound-video",
            seconds = options.Seconds,
            size = options.Size,
            fps = options.Fps,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            notes = notes.Select(n => new
            {
                start = n.Start,
                duration = n.Duration,
                step = n.Step,
                frequency = n.Frequency,
                loudness = n.Loudness,
            }),
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, Name + ".json"),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>`dino corpus make sound-driven-clip`: --count sets its length in seconds; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = SoundDrivenClipOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Seconds = request.Count ?? options.Seconds, Size = request.Size ?? options.Size };
        var path = SoundDrivenClipCorpus.Write(root, options);
        return $"wrote a {options.Seconds:0.#} s Sound-driven clip at {options.Size}², {options.Fps:0} fps (seed {options.Seed}) to {path}";
    }
}
