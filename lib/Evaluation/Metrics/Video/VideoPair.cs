using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Metrics.Video;

/// <summary>A reference and a generated clip read frame for frame: uint8 [T,H,W,3] RGB each, of one shape.</summary>
public static class VideoPair
{
    /// <summary>Reads both videos; a frame count or size that differs is an error naming both files.</summary>
    public static (Tensor reference, Tensor degraded) Read(string referencePath, string degradedPath)
    {
        var reference = VideoReader.ReadAll(referencePath);
        var degraded = VideoReader.ReadAll(degradedPath);
        if (!reference.shape.SequenceEqual(degraded.shape))
        {
            var message =
                $"{referencePath} and {degradedPath} differ in frames × height × width × channels: [{string.Join(", ", reference.shape)}] vs "
                + $"[{string.Join(", ", degraded.shape)}]";
            reference.Dispose();
            degraded.Dispose();
            throw new ArgumentException(message);
        }
        if (reference.size(0) == 0)
        {
            reference.Dispose();
            degraded.Dispose();
            throw new InvalidDataException($"{referencePath} holds no frames");
        }
        return (reference, degraded);
    }
}
