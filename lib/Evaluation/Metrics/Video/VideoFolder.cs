using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.IO;

namespace Dino.Repro.Evaluation.Metrics.Video;

/// <summary>The videos of a folder a distribution metric (fvd-videos) reads: top level, in ordinal name order.</summary>
public static class VideoFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".avi", ".mkv", ".mov", ".webm" };

    public static IReadOnlyList<string> Files(string folder) => MediaFolder.Files(folder, Extensions, "videos");
}
