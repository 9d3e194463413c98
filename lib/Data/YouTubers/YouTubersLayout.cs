namespace Dino.Repro.Data.YouTubers;

/// <summary>One source video: its identity (folder name), the identity's label and its place in the split.</summary>
public sealed record SourceVideo(string Identity, int Label, string Path, FacePairSplit Split)
{
    /// <summary>The file name without extension, unique within an identity folder.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>
/// The on-disk layout data-scripts/youtubers.sh asks for and Voice faces writes: <c>&lt;root&gt;/videos/&lt;identity&gt;/&lt;video&gt;.mp4</c>
/// (also mkv, webm, avi, mov), one folder per identity; labels number the identities holding videos in ordinal name order.
/// </summary>
public static class YouTubersLayout
{
    public const string VideosFolder = "videos";
    public static readonly string[] VideoExtensions = [".mp4", ".mkv", ".webm", ".avi", ".mov"];

    public static string IdentityFolder(string root, string identity) => Path.Combine(root, VideosFolder, identity);

    /// <summary>
    /// Every video under <paramref name="root"/>, identity by identity, each identity's videos in ordinal name order.
    /// The last <paramref name="heldOutSpeakers"/> identities are unseen speakers (all their videos); of every other
    /// identity the last <paramref name="heldOutPerIdentity"/> videos are unseen utterances when it has more than that.
    /// Labels number all identities, held-out ones included, so an identity judge can name them.
    /// </summary>
    public static IReadOnlyList<SourceVideo> Videos(string root, int heldOutPerIdentity, int heldOutSpeakers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heldOutPerIdentity);
        ArgumentOutOfRangeException.ThrowIfNegative(heldOutSpeakers);
        var videos = Path.Combine(root, VideosFolder);
        if (!Directory.Exists(videos))
            throw new DirectoryNotFoundException($"not a YouTubers folder: {videos} is missing (expected {VideosFolder}/<identity>/<video>.mp4)");
        var perIdentity = Directory
            .GetDirectories(videos)
            .Order(StringComparer.Ordinal)
            .Select(folder =>
                (
                    Identity: Path.GetFileName(folder),
                    Files: Directory
                        .EnumerateFiles(folder)
                        .Where(f => VideoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                        .Order(StringComparer.Ordinal)
                        .ToArray()
                )
            )
            .Where(identity => identity.Files.Length > 0)
            .ToArray();
        if (heldOutSpeakers > 0 && heldOutSpeakers >= perIdentity.Length)
            throw new InvalidDataException(
                $"{videos}: {heldOutSpeakers} held-out speakers leave none of its {perIdentity.Length} identities to train on"
            );
        var result = new List<SourceVideo>();
        var firstUnseenSpeaker = perIdentity.Length - heldOutSpeakers;
        for (var label = 0; label < perIdentity.Length; label++)
        {
            var (identity, files) = perIdentity[label];
            var firstHeldOut = files.Length > heldOutPerIdentity ? files.Length - heldOutPerIdentity : files.Length;
            result.AddRange(
                files.Select(
                    (file, i) =>
                        new SourceVideo(
                            identity,
                            label,
                            file,
                            label >= firstUnseenSpeaker ? FacePairSplit.UnseenSpeakers
                                : i >= firstHeldOut ? FacePairSplit.UnseenUtterances
                                : FacePairSplit.Train
                        )
                )
            );
        }
        if (result.Count == 0)
            throw new InvalidDataException($"{videos} holds no videos (expected <identity>/<video>.mp4|mkv|webm|avi|mov)");
        return result;
    }
}
