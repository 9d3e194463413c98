using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

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
