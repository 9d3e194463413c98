using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>Size of the Voice faces corpus: identities, videos per identity, sentences per video, frame side, seed.</summary>
public sealed record VoiceFacesOptions(int Identities, int VideosPerIdentity, int SentencesPerVideo, int Size, long Seed,
    double Fps = 25, int SampleRate = 16000)
{
    /// <summary>smoke: 4 identities × 2 videos of 3 sentences (≈ 6 s) at 96²; cpu: 12 × 6 videos of 8 sentences (≈ 16 s) at 128².</summary>
    public static VoiceFacesOptions ForPreset(string preset, long seed = 0) => preset switch
    {
        "smoke" => new VoiceFacesOptions(4, 2, 3, 96, seed),
        "cpu" => new VoiceFacesOptions(12, 6, 8, 128, seed),
        "paper" => throw new ArgumentException("the paper preset trains on the real YouTubers videos (data-scripts/youtubers.sh), not on Voice faces (presets: smoke, cpu)", nameof(preset)),
        _ => throw new ArgumentException($"unknown preset '{preset}' (valid for Voice faces: smoke, cpu)", nameof(preset)),
    };

    public void Validate()
    {
        if (Identities is < 1 or > 1000) throw new ArgumentException($"--count (identities) must lie in 1..1000 (got {Identities})");
        if (VideosPerIdentity < 1 || SentencesPerVideo < 1) throw new ArgumentException("each identity needs at least one video of one sentence");
        // Below ~80 px the cascade misses some faces (its smallest window is 24 px and the face fills ~55% of the frame).
        if (Size is < 80 or > 1024) throw new ArgumentException($"--size must lie in 80..1024 so the face detector finds the faces (got {Size})");
    }
}

/// <summary>
/// The embedded speech-to-face corpus: espeak-ng voices, each paired with its own synthetic face, speaking GRID
/// sentences in talking-head videos (MP4, H.264 + AAC) written in the YouTubers layout
/// (<c>&lt;out&gt;/videos/voice-NN/video-NN.mp4</c>), so <see cref="YouTubersCorpus"/> loads it — face detection included.
/// <c>voice-faces.json</c> records each identity's voice and the sentences of each video.
/// </summary>
public static class VoiceFacesCorpus
{
    public const string Name = "voice-faces";

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
            sentences[identity.Name] = Enumerable.Range(0, options.VideosPerIdentity)
                .Select(v => WriteVideo(VideoPath(root, identity, v), identity, options, v)).ToArray();
        }
        WriteManifest(root, options, identities, sentences);
        return options.Identities * options.VideosPerIdentity;
    }

    private static string[] WriteVideo(string path, VoiceFaceIdentity identity, VoiceFacesOptions options, int video)
    {
        var clip = TalkingHeadVideo.Create(identity, options, video);
        SoundingVideo.Write(path, options.Size, options.Fps, clip.Frames.Select(state => TalkingFace.Render(identity, options.Size, state)),
            clip.Speech, options.SampleRate);
        return clip.Sentences.ToArray();
    }

    private static void WriteManifest(string root, VoiceFacesOptions options, VoiceFaceIdentity[] identities, Dictionary<string, string[][]> sentences)
    {
        var manifest = new
        {
            corpus = Name,
            layout = "youtubers",
            size = options.Size, fps = options.Fps, sample_rate = options.SampleRate,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            identities = identities.Select(i => new { name = i.Name, voice = i.Voice.Tag, videos = sentences[i.Name] }),
        };
        AtomicFile.WriteAllText(Path.Combine(root, Name + ".json"), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>Voice faces behind <see cref="IEmbeddedCorpus"/> (<c>--count</c> sets the number of identities).</summary>
internal sealed class VoiceFacesEmbeddedCorpus : IEmbeddedCorpus
{
    public string Name => VoiceFacesCorpus.Name;
    public string StandsFor => "youtubers";
    public string Description => "Voice faces: espeak-ng voices each paired with a synthetic talking face, GRID sentences (smoke 4 ids × 2 videos @ 96², cpu 12 × 6 @ 128²; --count = identities)";

    public string Write(string root, EmbeddedCorpusRequest request)
    {
        var options = VoiceFacesOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Identities = request.Count ?? options.Identities, Size = request.Size ?? options.Size };
        var videos = VoiceFacesCorpus.Write(root, options);
        return $"wrote {videos} Voice faces videos ({options.Identities} identities × {options.VideosPerIdentity}) at {options.Size}² (seed {options.Seed}) " +
            $"to {Path.Combine(Path.GetFullPath(root), YouTubersLayout.VideosFolder)}";
    }
}
