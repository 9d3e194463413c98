using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// The embedded speech-to-face corpus: espeak-ng voices, each paired with its own synthetic face, speaking GRID
/// sentences in talking-head videos (MP4, H.264 + AAC) written in the YouTubers layout
/// (<c>&lt;out&gt;/videos/voice-NN/video-NN.mp4</c>), so <see cref="YouTubersCorpus"/> loads it — face detection included.
/// <c>voice-faces.json</c> records each identity's voice, the face traits it goes with (long hair for a female voice,
/// a longer face for a lower pitch) and the sentences of each video.
/// </summary>
public static class VoiceFacesCorpus
{
    public const string Name = "voice-faces";

    /// <summary>The drawing's version: v2 correlates voice and face (female voice ↔ long hair, pitch ↔ face length).</summary>
    public const string Version = "v2";

    /// <summary>Written last, so its presence marks a complete corpus.</summary>
    public const string ManifestFile = Name + ".json";

    public static string VideoPath(string root, VoiceFaceIdentity identity, int video) =>
        Path.Combine(YouTubersLayout.IdentityFolder(root, identity.Name), $"video-{video:00}.mp4");

    /// <summary>Writes every video under <paramref name="root"/> and the manifest; returns the number of videos.</summary>
    public static int Write(string root, VoiceFacesOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var identities = Enumerable.Range(0, options.Identities).Select(i => VoiceFaceIdentity.Create(options.Seed, i)).ToArray();
        var sentences = new Dictionary<string, string[][]>();
        foreach (var identity in identities)
        {
            sentences[identity.Name] = Enumerable
                .Range(0, options.VideosPerIdentity)
                .Select(v => WriteVideo(VideoPath(root, identity, v), identity, options, v))
                .ToArray();
        }
        WriteManifest(root, options, identities, sentences);
        return options.Identities * options.VideosPerIdentity;
    }

    private static string[] WriteVideo(string path, VoiceFaceIdentity identity, VoiceFacesOptions options, int video)
    {
        var clip = TalkingHeadVideo.Create(identity, options, video);
        SoundingVideo.Write(
            path,
            options.Size,
            options.Fps,
            clip.Frames.Select(state => TalkingFace.Render(identity, options.Size, state)),
            clip.Speech,
            options.SampleRate
        );
        return clip.Sentences.ToArray();
    }

    private static void WriteManifest(
        string root,
        VoiceFacesOptions options,
        VoiceFaceIdentity[] identities,
        Dictionary<string, string[][]> sentences
    )
    {
        var manifest = new
        {
            corpus = Name,
            layout = "youtubers",
            size = options.Size,
            fps = options.Fps,
            sample_rate = options.SampleRate,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            identities = identities.Select(i => new
            {
                name = i.Name,
                voice = i.Voice.Tag,
                // The voice ↔ face correlation, recorded so that a metric can check it on generated faces.
                female = i.Female,
                pitch = i.Voice.Pitch,
                hair_length = Math.Round(i.Traits.HairLength, 4),
                aspect = Math.Round(i.Aspect, 4),
                videos = sentences[i.Name],
            }),
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, ManifestFile),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>
    /// The corpus at a preset's size, made once under the data root (keyed by version, seed and size) and opened with
    /// the YouTubers reader's <paramref name="options"/>, as the real videos would be.
    /// </summary>
    public static YouTubersCorpus MadeOnce(Preset preset, YouTubersOptions options)
    {
        var size = VoiceFacesOptions.ForPreset(preset);
        var name = $"{Version}-seed{size.Seed}-{size.Identities}x{size.VideosPerIdentity}x{size.SentencesPerVideo}-{size.Size}px";
        var root = Path.Combine(KitPaths.DataRoot(), Name, name);
        MadeOnceFolder.Ensure(root, ManifestFile, folder => Write(folder, size));
        return YouTubersCorpus.Open(root, options, YouTubersCorpus.DefaultCacheRoot());
    }

    /// <summary>
    /// Each identity's recorded hair length (0: the short cut; female voices 0.6 – 0.9) from the manifest in
    /// <paramref name="root"/>; null when the folder holds no voice-faces manifest (the real YouTubers videos).
    /// </summary>
    public static IReadOnlyDictionary<string, double>? HairLengths(string root)
    {
        var manifest = Path.Combine(root, ManifestFile);
        if (!File.Exists(manifest))
            return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            return json
                .RootElement.GetProperty("identities")
                .EnumerateArray()
                .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("hair_length").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException(
                $"{manifest}: not a voice-faces {Version} manifest with each identity's name and hair_length ({e.Message})",
                e
            );
        }
    }

    /// <summary>`dino corpus make voice-faces`: --count sets the number of identities; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = VoiceFacesOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Identities = request.Count ?? options.Identities, Size = request.Size ?? options.Size };
        var videos = VoiceFacesCorpus.Write(root, options);
        return $"wrote {videos} Voice faces videos ({options.Identities} identities × {options.VideosPerIdentity}) at {options.Size}² (seed "
            + $"{options.Seed}) "
            + $"to {Path.Combine(Path.GetFullPath(root), YouTubersLayout.VideosFolder)}";
    }
}
