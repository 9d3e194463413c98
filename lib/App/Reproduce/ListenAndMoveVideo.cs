using Dino.Repro.Data.Synthetic;

namespace Dino.Repro.App.Reproduce;

/// <summary>The report's videos: clips of one source tiled in a square grid (real first), with the clip's sound.</summary>
public static class ListenAndMoveVideo
{
    public const int SampleRate = 48000;
    public const double Fps = 20;

    /// <summary>An MP4 (H.264 + AAC) of <paramref name="clips"/> ([T, 3, S, S] in [−1, 1] each) tiled row by row.</summary>
    public static byte[] Grid(IReadOnlyList<(string Name, Tensor Frames)> clips, float[] sound)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
            throw new ArgumentException("a video needs at least one clip");
        var side = (int)Math.Ceiling(Math.Sqrt(clips.Count));
        var (frames, size) = (clips[0].Frames.size(0), clips[0].Frames.size(2));
        var path = Path.Combine(Path.GetTempPath(), $"dino-lam-{Guid.NewGuid():N}.mp4");
        try
        {
            SoundingVideo.Write(path, (int)(side * size), Fps, Tiles(clips, side, frames, size), sound.Length > 0 ? sound : new float[1], SampleRate);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Frame t of every clip in a side × side grid, uint8 [side·S, side·S, 3]; empty tiles stay black.
    private static IEnumerable<Tensor> Tiles(IReadOnlyList<(string Name, Tensor Frames)> clips, int side, long frames, long size)
    {
        for (var t = 0; t < frames; t++)
        {
            using var scope = torch.NewDisposeScope();
            var canvas = torch.zeros([side * size, side * size, 3], ScalarType.Byte);
            for (var i = 0; i < clips.Count; i++)
            {
                var frame = clips[i].Frames[t].add(Scalars.Of(1)).mul(Scalars.Of(127.5)).clamp(Scalars.Of(0), Scalars.Of(255));
                var (row, column) = (i / side, i % side);
                canvas.narrow(0, row * size, size).narrow(1, column * size, size).copy_(frame.permute(1, 2, 0).to(ScalarType.Byte));
            }
            yield return canvas.MoveToOuterDisposeScope();
        }
    }
}
