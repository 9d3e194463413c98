using Dino.Repro.Vision;

namespace Dino.Repro.Data.Grid;

/// <summary>
/// One face box per clip: the Haar cascade's most confident face on a few evenly spaced frames, combined by the
/// per-coordinate median. GRID speakers sit still in front of a fixed camera, so one box keeps the crop steady
/// (no frame-to-frame jitter from the detector) and survives frames where the cascade misses.
/// </summary>
public static class FaceLocator
{
    /// <summary>How many frames are searched.</summary>
    public const int ProbeFrames = 5;

    /// <summary>The face in uint8 [T,H,W,3] <paramref name="frames"/>; <paramref name="source"/> names the video in errors.</summary>
    public static FaceBox Locate(FaceDetector detector, Tensor frames, string source)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(frames);
        var count = frames.size(0);
        var height = (int)frames.size(1);
        var width = (int)frames.size(2);
        // Smallest face worth finding: a quarter of the frame side (GRID faces fill about half of it), at most Haar's usual 30 px.
        var minSize = Math.Min(30, Math.Min(height, width) / 4);
        var found = new List<FaceBox>();
        foreach (var index in ProbeIndices(count))
        {
            using var frame = frames.select(0, index);
            if (detector.MostConfident(frame, minSize: minSize) is { } box)
                found.Add(box);
        }
        if (found.Count == 0)
            throw new InvalidDataException(
                $"{source}: the Haar cascade found no face on {Math.Min(count, ProbeFrames)} frames; pass the face box to GridCorpus.Load to crop "
                    + "without detection"
            );
        return new FaceBox(
            Median(found, b => b.X),
            Median(found, b => b.Y),
            Median(found, b => b.Width),
            Median(found, b => b.Height),
            found.Max(b => b.Weight)
        );
    }

    private static IEnumerable<long> ProbeIndices(long count) =>
        count <= ProbeFrames
            ? Enumerable.Range(0, (int)count).Select(i => (long)i)
            : Enumerable.Range(0, ProbeFrames).Select(i => (long)Math.Round(i * (count - 1) / (double)(ProbeFrames - 1)));

    private static int Median(List<FaceBox> boxes, Func<FaceBox, int> value)
    {
        var sorted = boxes.Select(value).Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
