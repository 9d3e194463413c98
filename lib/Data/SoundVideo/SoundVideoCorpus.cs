using Dino.Repro.Data.Loading;
using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.SoundVideo;

/// <summary>
/// Reads one video with its sound for single-video sound-to-video (Listen and Move): frames at the descriptor rate
/// (20 fps, sampled by timestamp), cropped and resized; the audio track decoded by ffmpeg to mono at 64 kHz and turned
/// into one descriptor per frame (<see cref="SoundFeatures"/>). Both streams are cut to the shorter one, N frames;
/// the first ⌊0.8·N⌋ train and the rest validate. data-scripts/sound-video.sh puts the clips in
/// <c>&lt;data root&gt;/sound-video/raw/</c> (<see cref="Clips"/> lists them, <see cref="LoadEach"/> reads them); each clip is
/// its own experiment.
/// </summary>
public sealed class SoundVideoCorpus : IDisposable
{
    public static readonly string[] VideoExtensions = [".mp4", ".mkv", ".webm", ".mov"];

    private const int FramesPerRead = 64; // bounds the full-resolution frames held at once

    private SoundVideoCorpus(string path, SoundVideoOptions options, SoundVideoSequence train, SoundVideoSequence validation)
    {
        Path = path;
        Options = options;
        Train = train;
        Validation = validation;
    }

    /// <summary>A clip already in memory, its two splits owned by the corpus (the benchmark's random clip).</summary>
    internal static SoundVideoCorpus InMemory(string name, SoundVideoOptions options, SoundVideoSequence train, SoundVideoSequence validation) =>
        new(name, options, train, validation);

    public string Path { get; }
    public SoundVideoOptions Options { get; }
    public SoundVideoSequence Train { get; }
    public SoundVideoSequence Validation { get; }

    /// <summary>The video files directly in <paramref name="folder"/> (the data-script's raw/ folder), in ordinal name order.</summary>
    public static IReadOnlyList<string> Clips(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"sound-video folder not found: {folder}");
        return Directory
            .EnumerateFiles(folder)
            .Where(f => VideoExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The clip of <paramref name="folder"/> named <paramref name="name"/> (any video extension); a missing one lists those there.</summary>
    public static string Find(string folder, string name)
    {
        var clips = Clips(folder);
        var names = clips.Select(System.IO.Path.GetFileNameWithoutExtension).ToList();
        return clips.FirstOrDefault(c => System.IO.Path.GetFileNameWithoutExtension(c) == name)
            ?? throw new IO.UsageException($"clip '{name}' is not in {folder} (clips: {(names.Count == 0 ? "none" : string.Join(", ", names))})");
    }

    /// <summary>
    /// The clips of <paramref name="folder"/> (<see cref="Clips"/>) read one at a time with <see cref="Load"/>, each the
    /// caller's to dispose before the next is read (a long clip at full size is large); an unreadable one (corrupt,
    /// without sound, too short) stops the read or is skipped and reported, as <paramref name="badSamples"/> says (default: stop).
    /// </summary>
    public static IEnumerable<SoundVideoCorpus> LoadEach(string folder, SoundVideoOptions? options = null, BadSamples? badSamples = null)
    {
        var clips = Clips(folder); // now, so a missing folder fails at the call rather than at the first MoveNext
        return Readable(clips, options, badSamples ?? BadSamples.Throw);
    }

    private static IEnumerable<SoundVideoCorpus> Readable(IReadOnlyList<string> clips, SoundVideoOptions? options, BadSamples handling)
    {
        foreach (var clip in clips)
        {
            if (handling.Read(clip, () => Load(clip, options)) is { } corpus)
                yield return corpus;
        }
    }

    /// <summary>The frame where validation starts among <paramref name="frames"/>: ⌊fraction·N⌋ (Python's int()).</summary>
    public static long SplitPoint(long frames, double trainFraction) => (long)Math.Floor(frames * trainFraction);

    /// <summary>Reads <paramref name="videoPath"/>; errors name the file (missing, undecodable, no audio, too short).</summary>
    public static SoundVideoCorpus Load(string videoPath, SoundVideoOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoPath);
        var o = options ?? new SoundVideoOptions();
        o.Validate();
        var full = System.IO.Path.GetFullPath(videoPath);
        using var scope = torch.NewDisposeScope();
        var frames = ReadFrames(full, o);
        var features = ReadFeatures(full, o.EffectiveFeatures);
        var n = Math.Min(frames.size(0), features.size(0));
        var split = SplitPoint(n, o.TrainFraction);
        if (split < 1 || split >= n)
            throw new InvalidDataException(
                $"{full}: {n} frames at {o.EffectiveFeatures.Fps} fps are too few to split {o.TrainFraction:0.##}/{1 - o.TrainFraction:0.##}"
            );
        var train = new SoundVideoSequence(
            frames.narrow(0, 0, split).contiguous().MoveToOuterDisposeScope(),
            features.narrow(0, 0, split).contiguous().MoveToOuterDisposeScope(),
            o.ClipLength
        );
        var validation = new SoundVideoSequence(
            frames.narrow(0, split, n - split).contiguous().MoveToOuterDisposeScope(),
            features.narrow(0, split, n - split).contiguous().MoveToOuterDisposeScope(),
            o.ClipLength
        );
        return new SoundVideoCorpus(full, o, train, validation);
    }

    private static Tensor ReadFrames(string path, SoundVideoOptions options)
    {
        using var reader = VideoReader.Open(path, fps: options.EffectiveFeatures.Fps);
        var crop = options.Crop ?? CropBox.CentredSquare(reader.Info.Width, reader.Info.Height);
        crop.CheckInside(reader.Info.Width, reader.Info.Height, path);
        var parts = new List<Tensor>();
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            var batch = reader.Read(FramesPerRead);
            if (batch.size(0) == 0)
                break;
            var cropped = batch.narrow(1, crop.Top, crop.Height).narrow(2, crop.Left, crop.Width).contiguous();
            parts.Add(Resize.Hwc(cropped, options.Size, options.Size, ResizeMode.Area).MoveToOuterDisposeScope());
        }
        if (parts.Count == 0)
            throw new InvalidDataException($"{path}: no video frames could be read");
        return torch.cat(parts, 0);
    }

    private static Tensor ReadFeatures(string path, SoundFeatureOptions options)
    {
        var audio = AudioDecoder.Default.Decode(path, options.SampleRate, channels: 1);
        try
        {
            return SoundFeatures.PerVideoFrame(audio, options);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: its audio track is too short for one sound descriptor ({e.Message})", e);
        }
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
