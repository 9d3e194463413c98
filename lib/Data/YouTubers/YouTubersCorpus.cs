using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.YouTubers;

/// <summary>One cached (face, speech) pair with its identity, label, source video and split.</summary>
public sealed record FacePair(string Identity, int Label, string Video, FacePairSplit Split, ExtractedPair Pair, string Folder)
{
    public string FacePath => Path.Combine(Folder, Pair.FaceFile);
    public string SpeechPath => Path.Combine(Folder, Pair.SpeechFile);
}

/// <summary>A loaded pair: face float32 [3, S, S] in [−1, 1], speech float32 [samples] normalised and pre-emphasised.</summary>
public sealed record YouTubersExample(Tensor Face, Tensor Speech, int Label, string Identity) : IDisposable
{
    public void Dispose()
    {
        Face.Dispose();
        Speech.Dispose();
    }
}

/// <summary>A whole split in memory: faces [N, 3, S, S], speech [N, samples], labels int64 [N].</summary>
public sealed record YouTubersBatch(Tensor Faces, Tensor Speech, Tensor Labels) : IDisposable
{
    public void Dispose()
    {
        Faces.Dispose();
        Speech.Dispose();
        Labels.Dispose();
    }
}

/// <summary>
/// Speech-to-face pairs (Wav2Pix) from any folder of talking-head videos in <see cref="YouTubersLayout"/> — the
/// YouTubers collection placed by data-scripts/youtubers.sh, or the embedded Voice faces. Opening extracts every video
/// not yet cached (<see cref="FaceSpeechExtractor"/>) into <c>&lt;cache root&gt;/&lt;options key&gt;/</c>, by default under
/// <c>&lt;data root&gt;/youtubers/cache/</c>, and writes a manifest of all pairs there.
/// </summary>
public sealed class YouTubersCorpus
{
    public const string CorpusName = "youtubers";

    private YouTubersCorpus(string root, YouTubersOptions options, string cacheFolder, IReadOnlyList<FacePair> pairs)
    {
        Root = root;
        Options = options;
        CacheFolder = cacheFolder;
        Pairs = pairs;
        Identities = pairs.Select(p => p.Identity).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public string Root { get; }
    public YouTubersOptions Options { get; }
    public string CacheFolder { get; }
    public IReadOnlyList<FacePair> Pairs { get; }

    /// <summary>The identities with at least one pair.</summary>
    public IReadOnlyList<string> Identities { get; }

    /// <summary>
    /// The default cache root: <c>&lt;data root&gt;/youtubers/cache</c> (data root: <paramref name="dataRoot"/>, or the kit's when null).
    /// </summary>
    public static string DefaultCacheRoot(string? dataRoot = null) => Path.Combine(dataRoot ?? KitPaths.DataRoot(), "youtubers", "cache");

    /// <summary>The real YouTubers videos where data-scripts/youtubers.sh leaves them.</summary>
    public static YouTubersCorpus OpenDefault(YouTubersOptions options)
    {
        var path = CorpusPaths.ExpectedPath(CorpusName);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"{CorpusName} is not at {path}; fetch it with data-scripts/youtubers.sh (or set DINO_DATA)");
        return Open(path, options);
    }

    /// <param name="root">The folder holding <c>videos/&lt;identity&gt;/…</c> (the data-script's <c>raw/</c>).</param>
    /// <param name="cacheRoot">Where extracted pairs are kept (<see cref="DefaultCacheRoot"/> when null).</param>
    /// <param name="badSamples">Whether a video that cannot be read stops the opening (the default) or is skipped and reported.</param>
    public static YouTubersCorpus Open(string root, YouTubersOptions? options = null, string? cacheRoot = null, BadSamples? badSamples = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var o = options ?? YouTubersOptions.Thesis;
        o.Validate();
        var full = Path.GetFullPath(root);
        var videos = YouTubersLayout.Videos(full, o.HeldOutVideos, o.HeldOutSpeakers);
        var folder = Path.Combine(cacheRoot ?? DefaultCacheRoot(), o.CacheKey(full));
        using var detector = FaceDetector.Load();
        var cache = new PairCache(folder, new FaceSpeechExtractor(detector, o));
        var handling = badSamples ?? BadSamples.Throw;
        var pairs = new List<FacePair>();
        foreach (var video in videos)
        {
            var read = handling.Read(video.Path, () =>
            {
                var (extracted, pairFolder) = cache.Get(video);
                return extracted.Select(p => new FacePair(video.Identity, video.Label, video.Name, video.Split, p, pairFolder)).ToArray();
            });
            if (read is not null)
                pairs.AddRange(read);
        }
        if (pairs.Count == 0)
            throw new InvalidDataException($"{full}: no frontal face was found in any sampled frame of its {videos.Count} videos");
        cache.WriteManifest(full, o, pairs);
        return new YouTubersCorpus(full, o, folder, pairs);
    }

    /// <summary>The pairs of one split, in the corpus' order.</summary>
    public IReadOnlyList<FacePair> Split(FacePairSplit split) => Pairs.Where(p => p.Split == split).ToArray();

    /// <summary>Loads one pair: the face in [−1, 1]; the speech cut to its centred load length, ÷ max|x|, pre-emphasised.</summary>
    public YouTubersExample Load(FacePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        using var scope = torch.NewDisposeScope();
        var face = ImageTensor.Load(pair.FacePath);
        if (face.size(1) != Options.FaceSize || face.size(2) != Options.FaceSize)
            throw new InvalidDataException(
                $"{pair.FacePath}: a cached face is {face.size(2)}×{face.size(1)}, not {Options.FaceSize}² (delete {CacheFolder} to extract again)"
            );
        var speech = torch.tensor(PrepareSpeech(pair.SpeechPath), [Options.LoadSamples]);
        return new YouTubersExample(face.MoveToOuterDisposeScope(), speech.MoveToOuterDisposeScope(), pair.Label, pair.Identity);
    }

    /// <summary>Every pair of a split stacked in memory.</summary>
    public YouTubersBatch LoadSplit(FacePairSplit split)
    {
        var pairs = Split(split);
        if (pairs.Count == 0)
            throw new InvalidDataException($"{Root}: the {split.Label()} split has no pairs");
        using var scope = torch.NewDisposeScope();
        var examples = pairs.Select(Load).ToArray();
        var faces = torch.stack(examples.Select(e => e.Face).ToArray());
        var speech = torch.stack(examples.Select(e => e.Speech).ToArray());
        var labels = torch.tensor(pairs.Select(p => (long)p.Label).ToArray(), [pairs.Count]);
        return new YouTubersBatch(faces.MoveToOuterDisposeScope(), speech.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    private float[] PrepareSpeech(string path)
    {
        var audio = WavFile.Read(path);
        if (audio.SampleRate != Options.SampleRate || audio.Length != Options.WindowSamples)
            throw new InvalidDataException(
                $"{path}: a cached speech window is {audio.Length} samples at {audio.SampleRate} Hz, not {Options.WindowSamples} at "
                    + $"{Options.SampleRate} Hz"
            );
        var start = (Options.WindowSamples - Options.LoadSamples) / 2;
        var speech = audio.Channels[0].AsSpan(start, Options.LoadSamples).ToArray();
        var peak = speech.Max(MathF.Abs);
        if (peak > 0)
        {
            for (var i = 0; i < speech.Length; i++)
                speech[i] /= peak;
        }
        return Emphasis.PreEmphasis(speech, (float)Options.PreEmphasis);
    }
}
