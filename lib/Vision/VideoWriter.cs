using System.Globalization;
using Dino.Repro.IO;

namespace Dino.Repro.Vision;

/// <summary>Options of <see cref="VideoWriter"/>; every default is what a report video needs.</summary>
public sealed record VideoWriterOptions
{
    /// <summary>Frames per second of the written video.</summary>
    public double Fps { get; init; } = 25;

    /// <summary>A WAV (or any ffmpeg-readable audio) file muxed as an AAC track; null writes a silent video.</summary>
    public string? AudioPath { get; init; }

    /// <summary>x264 constant rate factor: 0 lossless … 51 worst; 18 is visually lossless.</summary>
    public int Crf { get; init; } = 18;

    /// <summary>x264 speed/size trade-off.</summary>
    public string Preset { get; init; } = "medium";

    /// <summary>The ffmpeg executable (a name on PATH or a full path).</summary>
    public string Ffmpeg { get; init; } = "ffmpeg";
}

/// <summary>
/// Writes uint8 RGB frames to an MP4 (H.264, yuv420p, playable everywhere) through the ffmpeg command line,
/// optionally with an audio track so a generated talking video can be watched with its sound. Frames stream
/// to ffmpeg as they are written; <see cref="Close"/> finishes the file and moves it into place (atomic), and
/// disposing without closing abandons it. With audio, the output stops at the shorter of the two streams.
/// </summary>
public sealed class VideoWriter : IDisposable
{
    private readonly FfmpegProcess ffmpeg;
    private readonly string tempPath;
    private bool finished;

    private VideoWriter(string path, int width, int height, VideoWriterOptions options, FfmpegProcess ffmpeg, string tempPath)
    {
        Path = path;
        Width = width;
        Height = height;
        Options = options;
        this.ffmpeg = ffmpeg;
        this.tempPath = tempPath;
    }

    public string Path { get; }
    public int Width { get; }
    public int Height { get; }
    public VideoWriterOptions Options { get; }
    public long FramesWritten { get; private set; }

    /// <summary>Starts ffmpeg for a <paramref name="width"/>×<paramref name="height"/> video (odd sizes are padded by one pixel).</summary>
    public static VideoWriter Open(string path, int width, int height, VideoWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new VideoWriterOptions();
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"the frame size must be positive, got {width}x{height}");
        if (!(options.Fps > 0 && double.IsFinite(options.Fps)))
            throw new ArgumentOutOfRangeException(nameof(options), options.Fps, "the frame rate must be positive");
        if (options.Crf is < 0 or > 51)
            throw new ArgumentOutOfRangeException(nameof(options), options.Crf, "CRF lies in 0..51");
        string? audio = options.AudioPath is null ? null : VisionNative.ExistingFile(options.AudioPath, "audio");
        var full = System.IO.Path.GetFullPath(path);
        var temp = AtomicFile.TempPathFor(full, keepExtension: true);
        var process = FfmpegProcess.Start(options.Ffmpeg, Arguments(width, height, options, audio, temp));
        return new VideoWriter(full, width, height, options, process, temp);
    }

    /// <summary>Writes a whole clip: uint8 [T,H,W,3] RGB frames.</summary>
    public static void Write(string path, Tensor frames, VideoWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.dim() != 4)
            throw new ArgumentException($"expected [T,H,W,3] frames, got [{string.Join(",", frames.shape)}]", nameof(frames));
        using var writer = Open(path, (int)frames.size(2), (int)frames.size(1), options);
        writer.WriteFrames(frames);
        writer.Close();
    }

    /// <summary>Appends one [H,W,3] frame or a [T,H,W,3] clip of uint8 RGB frames of this writer's size.</summary>
    public void WriteFrames(Tensor frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (finished)
            throw new InvalidOperationException($"{Path}: the video is already closed");
        var shape = frames.shape;
        var clip =
            shape.Length == 3 ? 1
            : shape.Length == 4 ? shape[0]
            : -1;
        var frameShape = shape.Length == 3 ? shape : shape.Skip(1).ToArray();
        if (clip < 0 || frames.dtype != ScalarType.Byte || !frameShape.SequenceEqual(new long[] { Height, Width, 3 }))
            throw new ArgumentException(
                $"{Path}: expected uint8 [H,W,3] or [T,H,W,3] frames with H={Height}, W={Width}; got {frames.dtype.TorchName()} "
                    + $"[{string.Join(",", shape)}]",
                nameof(frames)
            );
        using var scope = torch.NewDisposeScope();
        var contiguous = (shape.Length == 3 ? frames.unsqueeze(0) : frames).detach().cpu().contiguous();
        try
        {
            // Frame by frame, straight from the tensor's memory: a clip may exceed what one span can address.
            for (long i = 0; i < clip; i++)
            {
                using var frame = contiguous.select(0, i);
                ffmpeg.Input.Write(frame.bytes);
            }
        }
        catch (IOException e)
        {
            // ffmpeg closed its input: it failed, and its exit code and stderr say why.
            finished = true;
            var code = ffmpeg.Finish();
            AtomicFile.TryDelete(tempPath);
            throw new IOException($"{Path}: ffmpeg stopped accepting frames (exit code {code}): {ffmpeg.Tail()}", e);
        }
        FramesWritten += clip;
    }

    /// <summary>Finishes the file: waits for ffmpeg, then moves the video into place. Throws with ffmpeg's stderr on failure.</summary>
    public void Close()
    {
        if (finished)
            return;
        finished = true;
        var code = ffmpeg.Finish();
        if (code != 0)
        {
            AtomicFile.TryDelete(tempPath);
            throw new IOException($"{Path}: ffmpeg failed with exit code {code}: {ffmpeg.Tail()}");
        }
        if (FramesWritten == 0)
        {
            AtomicFile.TryDelete(tempPath);
            throw new InvalidOperationException($"{Path}: no frames were written, so no video was made");
        }
        AtomicFile.Commit(tempPath, Path);
    }

    public void Dispose()
    {
        if (!finished)
            Abandon();
        ffmpeg.Dispose();
    }

    private void Abandon()
    {
        finished = true;
        ffmpeg.Kill();
        AtomicFile.TryDelete(tempPath);
    }

    private static List<string> Arguments(int width, int height, VideoWriterOptions options, string? audio, string output)
    {
        var fps = options.Fps.ToString("R", CultureInfo.InvariantCulture);
        var args = new List<string>
        {
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
            $"{width}x{height}",
            "-framerate",
            fps,
            "-i",
            "pipe:0",
        };
        if (audio is not null)
            args.AddRange(["-i", audio]);
        args.AddRange(["-map", "0:v:0"]);
        if (audio is not null)
            args.AddRange(["-map", "1:a:0"]);
        // yuv420p halves chroma resolution, so H.264 needs even sizes: pad odd ones by a pixel.
        if (width % 2 != 0 || height % 2 != 0)
            args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]);
        args.AddRange([
            "-c:v",
            "libx264",
            "-preset",
            options.Preset,
            "-crf",
            options.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt",
            "yuv420p",
        ]);
        if (audio is not null)
            args.AddRange(["-c:a", "aac", "-b:a", "128k", "-shortest"]);
        args.AddRange(["-movflags", "+faststart", "-f", "mp4", output]);
        return args;
    }
}
