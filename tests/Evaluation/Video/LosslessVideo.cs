using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation.Video;

/// <summary>
/// Writes uint8 [T,H,W,3] frames as an FFV1 video in Matroska (lossless, RGB kept as RGB), so that the kit's
/// VideoReader gives the same pixels back and reference image values carry over to videos exactly.
/// </summary>
internal static class LosslessVideo
{
    public static string Write(string path, Tensor frames, double fps = 10)
    {
        using var ffmpeg = FfmpegProcess.Start(
            "ffmpeg",
            [
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-s",
                $"{frames.size(2)}x{frames.size(1)}",
                "-framerate",
                fps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-i",
                "pipe:0",
                "-c:v",
                "ffv1",
                "-pix_fmt",
                "bgr0",
                path,
            ]
        );
        ffmpeg.Input.Write(frames.contiguous().ToArray<byte>());
        var code = ffmpeg.Finish();
        if (code != 0)
            throw new IOException($"ffmpeg could not write {path}: {ffmpeg.Tail()}");
        return path;
    }

    /// <summary>Stacks same-sized image files (RGB) into frames [T,H,W,3].</summary>
    public static Tensor FramesOf(IEnumerable<string> images) => torch.stack(images.Select(f => ImageIO.Read(f, ImageReadMode.Rgb)).ToList(), 0);
}
