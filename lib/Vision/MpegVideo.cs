using System.Globalization;
using Dino.Repro.IO;

namespace Dino.Repro.Vision;

/// <summary>
/// Re-encodes a video as an MPEG-1 program stream (<c>.mpg</c>: mpeg1video, optionally an MP2 audio track) with
/// the ffmpeg command line — the container and codecs of corpora recorded for VCD, such as GRID's "normal" videos.
/// Frames are written with <see cref="VideoWriter"/> first; this converts the result. The output is atomic.
/// </summary>
public static class MpegVideo
{
    /// <summary>
    /// Converts <paramref name="source"/> to <paramref name="output"/>, muxing <paramref name="audioPath"/> (any
    /// ffmpeg-readable audio) when given. <paramref name="quality"/> is mpeg1video's fixed quantiser scale: 1 best … 31 worst.
    /// </summary>
    public static void Convert(string source, string output, string? audioPath = null, int quality = 2, string ffmpeg = "ffmpeg")
    {
        var input = VisionNative.ExistingFile(source, "video");
        var audio = audioPath is null ? null : VisionNative.ExistingFile(audioPath, "audio");
        if (quality is < 1 or > 31)
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "the MPEG-1 quantiser scale lies in 1..31");
        AtomicFile.WriteVia(
            output,
            temp =>
            {
                var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input };
                if (audio is not null)
                    args.AddRange(["-i", audio]);
                args.AddRange(["-map", "0:v:0"]);
                if (audio is not null)
                    args.AddRange(["-map", "1:a:0", "-c:a", "mp2", "-ar", "32000", "-b:a", "64k"]);
                args.AddRange(["-c:v", "mpeg1video", "-q:v", quality.ToString(CultureInfo.InvariantCulture), "-f", "mpeg", temp]);
                using var process = FfmpegProcess.Start(ffmpeg, args);
                var code = process.Finish();
                if (code != 0)
                    throw new IOException($"{output}: ffmpeg could not convert {input} to MPEG-1 (exit code {code}): {process.Tail()}");
            },
            keepExtension: true
        );
    }
}
