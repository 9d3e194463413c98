using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

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
                videos = sentences[i.Name],
            }),
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, Name + ".json"),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
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
