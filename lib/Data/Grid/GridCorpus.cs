using Dino.Repro.Data.Loading;
using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Grid;

/// <summary>
/// Reads GRID (Cooke et al. 2006) as <see cref="GridLayout"/> describes it — the real corpus unpacked by
/// data-scripts/grid.sh, or the embedded Spoken GRID written in the same layout — into fixed-length, time-aligned
/// mouth-video/audio clips for video-to-speech (DINO §4.3). Disposing it frees the face detector.
/// </summary>
public sealed class GridCorpus : IDisposable
{
    private FaceDetector? detector;

    /// <exception cref="DirectoryNotFoundException">The root does not exist (the message says how to get the corpus).</exception>
    public GridCorpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException(
                $"GRID corpus folder not found: {root} (fetch the real corpus with data-scripts/grid.sh, or make the embedded one with `dino "
                    + "corpus make spoken-grid`)"
            );
        Root = Path.GetFullPath(root);
    }

    /// <summary>The real corpus where data-scripts/grid.sh unpacks it.</summary>
    public static GridCorpus Default() => new(CorpusPaths.ExpectedPath("grid"));

    public string Root { get; }

    /// <summary>The speakers present (folders <c>s1</c>…<c>s34</c>), in number order.</summary>
    public IReadOnlyList<int> Speakers() =>
        Enumerable.Range(1, GridLayout.SpeakerCount).Where(s => Directory.Exists(Path.Combine(Root, GridLayout.SpeakerFolder(s)))).ToArray();

    /// <summary>The utterance ids of a speaker that have a video, in ordinal order.</summary>
    public IReadOnlyList<string> Utterances(int speaker)
    {
        var folder = Path.Combine(Root, GridLayout.SpeakerFolder(speaker));
        if (!Directory.Exists(folder))
            return [];
        return Directory
            .EnumerateFiles(folder, "*" + GridLayout.VideoExtension)
            .Where(path => !IO.AtomicFile.IsTemporary(Path.GetFileName(path)))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every utterance of the present speakers of one part of the speaker-independent split.</summary>
    public IReadOnlyList<GridUtterance> Utterances(GridSplitName split) =>
        Speakers()
            .Where(s => s != GridLayout.SpeakerWithoutVideo && GridSplit.Of(s) == split)
            .SelectMany(s => Utterances(s).Select(id => new GridUtterance(s, id)))
            .ToArray();

    /// <summary>
    /// The utterances of <paramref name="split"/> whose sentence no test speaker says, so that the test set holds unseen
    /// phrases as well as unseen speakers (DINO §4.2). A GRID id spells its sentence ("bbaf2n": bin blue at f two now), so
    /// the same id is the same phrase; the test split itself is returned whole.
    /// </summary>
    public IReadOnlyList<GridUtterance> UtterancesWithoutTestPhrases(GridSplitName split)
    {
        var all = Utterances(split);
        if (split == GridSplitName.Test)
            return all;
        var testPhrases = Utterances(GridSplitName.Test).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return all.Where(u => !testPhrases.Contains(u.Id)).ToArray();
    }

    /// <summary>The sentence words (no <c>sil</c>/<c>sp</c>) with their times in seconds.</summary>
    public IReadOnlyList<GridWord> ReadWords(GridUtterance utterance) =>
        GridAlignment.ReadWords(GridLayout.AlignmentPath(Root, utterance.Speaker, utterance.Id));

    /// <summary>The whole utterance's audio, mono, resampled to <paramref name="sampleRate"/> and kept in [−1, 1].</summary>
    public float[] ReadAudio(GridUtterance utterance, int sampleRate = 16_000)
    {
        var path = Existing(GridLayout.AudioPath(Root, utterance.Speaker, utterance.Id), "audio");
        var audio = WavFile.Read(path);
        var mono = audio.MixToMono();
        var samples = audio.SampleRate == sampleRate ? mono : Resampler.Resample(mono, audio.SampleRate, sampleRate);
        // Integer PCM already lies in [−1, 1); the band-limiting filter can overshoot a full-scale edge slightly.
        for (var i = 0; i < samples.Length; i++)
            samples[i] = Math.Clamp(samples[i], -1f, 1f);
        return samples;
    }

    /// <summary>The whole utterance's video as uint8 [T, H, W, 3] RGB at 25 fps.</summary>
    public Tensor ReadFrames(GridUtterance utterance)
    {
        var path = Existing(VideoPath(utterance), "video");
        var frames = VideoReader.ReadAll(path, fps: GridClipOptions.FramesPerSecond);
        if (frames.size(0) == 0)
        {
            frames.Dispose();
            throw new InvalidDataException($"{path}: the video holds no frames");
        }
        return frames;
    }

    /// <summary>
    /// One clip of <paramref name="utterance"/> cut as <paramref name="options"/> says. The mouth crop comes from the
    /// Haar face box (<see cref="FaceLocator"/>) unless <paramref name="face"/> gives the box. Clips reaching past
    /// the end are padded: the video repeats its last frame, the audio continues with silence.
    /// </summary>
    public GridExample Load(GridUtterance utterance, GridClipOptions? options = null, FaceBox? face = null)
    {
        options ??= new GridClipOptions();
        options.Validate();
        var videoPath = Existing(VideoPath(utterance), "video");
        Existing(GridLayout.AudioPath(Root, utterance.Speaker, utterance.Id), "audio");
        var words = ReadWords(utterance);
        var audio = ClipAudio(ReadAudio(utterance, options.SampleRate), options);
        using var scope = torch.NewDisposeScope();
        var frames = ReadFrames(utterance);
        if (options.StartFrame >= frames.size(0))
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.StartFrame,
                $"{videoPath} has {frames.size(0)} frames, so a clip cannot start at frame {options.StartFrame}"
            );
        var box = face ?? FaceLocator.Locate(Detector, frames, videoPath);
        var square = options.Mouth.In(box, (int)frames.size(2), (int)frames.size(1));
        var video = MouthClip(frames, square, options);
        return new GridExample(
            utterance,
            video.MoveToOuterDisposeScope(),
            torch.tensor(audio).MoveToOuterDisposeScope(),
            words,
            options.StartSeconds
        );
    }

    /// <summary>
    /// <see cref="Load"/> of each utterance, in order; an unreadable one (a truncated WAV, a corrupt MPG, a bad .align)
    /// stops the read or is skipped and reported under its video's path, as <paramref name="badSamples"/> says (default: stop).
    /// </summary>
    public IReadOnlyList<GridExample> LoadAll(
        IEnumerable<GridUtterance> utterances,
        GridClipOptions? options = null,
        BadSamples? badSamples = null
    ) => (badSamples ?? BadSamples.Throw).ReadAll(utterances, VideoPath, u => Load(u, options));

    /// <summary>
    /// <see cref="LoadAll"/> one clip at a time: each is read when the sequence reaches it and is the caller's to dispose,
    /// so a pass over a whole split holds one decoded clip, not all of them.
    /// </summary>
    public IEnumerable<GridExample> LoadEach(IEnumerable<GridUtterance> utterances, GridClipOptions? options = null, BadSamples? badSamples = null)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        var handling = badSamples ?? BadSamples.Throw;
        foreach (var utterance in utterances)
        {
            if (handling.Read(VideoPath(utterance), () => Load(utterance, options)) is { } example)
                yield return example;
        }
    }

    public void Dispose() => detector?.Dispose();

    private FaceDetector Detector => detector ??= FaceDetector.Load();

    // An utterance is reported by its video, the file that names it in the corpus listing.
    private string VideoPath(GridUtterance utterance) => GridLayout.VideoPath(Root, utterance.Speaker, utterance.Id);

    private static float[] ClipAudio(float[] samples, GridClipOptions options)
    {
        var clip = new float[options.Samples];
        var start = (long)options.StartFrame * options.SamplesPerFrame;
        if (start < samples.Length)
            Array.Copy(samples, start, clip, 0, Math.Min(clip.Length, samples.Length - start));
        return clip;
    }

    // [T,H,W,3] uint8 → float [Frames, C, Size, Size] in [−1, 1].
    private static Tensor MouthClip(Tensor frames, PixelSquare square, GridClipOptions options)
    {
        var take = Math.Min(options.Frames, frames.size(0) - options.StartFrame);
        var crop = frames.narrow(0, options.StartFrame, take).narrow(1, square.Y, square.Side).narrow(2, square.X, square.Side).contiguous();
        var mode = square.Side >= options.Size ? ResizeMode.Area : ResizeMode.Bilinear;
        var resized = Resize.Hwc(crop, options.Size, options.Size, mode);
        if (options.Grayscale)
            resized = torch.stack(Enumerable.Range(0, (int)take).Select(t => Grayscale.PillowLuma(resized.select(0, t))).ToArray(), 0).unsqueeze(3);
        if (take < options.Frames)
        {
            var last = resized.narrow(0, take - 1, 1);
            resized = torch.cat([resized, last.expand(options.Frames - take, options.Size, options.Size, options.Channels)], 0);
        }
        return ImageTensor.ToChw(resized);
    }

    private static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"GRID {what} file not found: {path}", path);
}
