using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>What a video file reports about itself (the frame count is the container's estimate).</summary>
public sealed record VideoInfo(double Fps, long FrameCount, int Width, int Height)
{
    public double DurationSeconds => FrameCount / Fps;
}

/// <summary>
/// Reads a video's frames (OpenCV videoio over FFmpeg) as uint8 [T,H,W,3] RGB tensors, sampled at a requested
/// frame rate and size. Sampling is by timestamp: output frame k shows the source frame on screen at time k/fps
/// (source index floor(k·source_fps/fps)), so 25 → 10 fps keeps frames 0, 2, 5, 7, 10, … and a rate above the
/// source's repeats frames. Frames are read in order; <see cref="Read"/> continues where the last call stopped.
/// </summary>
public sealed class VideoReader : IDisposable
{
    private VideoCapture? capture;
    private readonly double fps;
    private readonly int height;
    private readonly int width;
    private readonly ResizeMode resize;
    private readonly double sourceFps;
    private readonly object gate = new();

    // Position of a frame-sampling read that continues over several calls.
    private readonly Mat last = new(); // the most recently decoded source frame (BGR)
    private long lastIndex = -1; // its index in the source
    private long nextOutput; // index of the next output frame at the requested rate

    private VideoReader(VideoCapture capture, string path, double? fps, int? height, int? width, ResizeMode resize)
    {
        this.capture = capture;
        Path = path;
        this.fps = fps ?? 0;
        this.height = height ?? 0;
        this.width = width ?? 0;
        this.resize = resize;
        sourceFps = capture.Get(VideoCaptureProperties.Fps);
        Info = new VideoInfo(
            sourceFps,
            (long)Math.Round(capture.Get(VideoCaptureProperties.FrameCount)),
            (int)capture.Get(VideoCaptureProperties.FrameWidth),
            (int)capture.Get(VideoCaptureProperties.FrameHeight)
        );
    }

    public string Path { get; }
    public VideoInfo Info { get; }

    /// <summary>
    /// Opens a video. <paramref name="fps"/> null keeps every source frame; <paramref name="height"/> and
    /// <paramref name="width"/> (both or neither) set the output size, resized with <paramref name="resize"/>.
    /// </summary>
    public static VideoReader Open(string path, double? fps = null, int? height = null, int? width = null, ResizeMode resize = ResizeMode.Area)
    {
        if (fps is { } f && !(f > 0 && double.IsFinite(f)))
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "the frame rate must be positive");
        if (height.HasValue != width.HasValue)
            throw new ArgumentException("give both height and width, or neither");
        if (height is <= 0 || width is <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"the frame size must be positive, got {height}x{width}");
        var full = VisionNative.ExistingFile(path, "video");
        try
        {
            using (File.OpenRead(full)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VisionNative.Invalid(full, $"video file {VisionNative.Quoted(full)} could not be opened (missing or unreadable)", e);
        }
        var capture = new VideoCapture();
        try
        {
            bool opened;
            try
            {
                opened = capture.Open(full, VideoCaptureAPIs.FFMPEG) && capture.IsOpened();
            }
            catch (OpenCVException e)
            {
                throw VisionNative.Invalid(
                    full,
                    $"video file {VisionNative.Quoted(full)} could not be opened as a video: {VisionNative.Describe(e)}",
                    e
                );
            }
            VisionNative.Check(
                opened,
                full,
                $"video file {VisionNative.Quoted(full)} could not be opened as a video (corrupt, truncated or an unsupported format)"
            );
            var rate = capture.Get(VideoCaptureProperties.Fps);
            VisionNative.Check(double.IsFinite(rate) && rate > 0, full, $"video file {VisionNative.Quoted(full)} reports no frame rate");
            return new VideoReader(capture, full, fps, height, width, resize);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>Reads every frame of a file at the requested rate and size (see <see cref="Open"/>).</summary>
    public static Tensor ReadAll(string path, double? fps = null, int? height = null, int? width = null, ResizeMode resize = ResizeMode.Area)
    {
        using var reader = Open(path, fps, height, width, resize);
        return reader.Read();
    }

    /// <summary>The next <paramref name="maxFrames"/> frames (all remaining when negative) as [T,H,W,3]; T = 0 at the end.</summary>
    public Tensor Read(long maxFrames = -1)
    {
        lock (gate)
        {
            var video = capture ?? throw new ObjectDisposedException(nameof(VideoReader));
            var interpolation = OpenCvTensors.Interpolation(resize);
            var frames = new List<Mat>();
            try
            {
                var ended = false;
                while (!ended && (maxFrames < 0 || frames.Count < maxFrames))
                {
                    // Output frame k shows the source frame on screen at time k/fps; a tiny epsilon absorbs the
                    // rounding of k·source_fps/fps at exact multiples.
                    var wanted = fps > 0 ? (long)Math.Floor(nextOutput * sourceFps / fps + 1e-9) : lastIndex + 1;
                    while (lastIndex < wanted)
                    {
                        // Frames that no output shows are only grabbed, not decoded.
                        var ok = lastIndex + 1 < wanted ? video.Grab() : video.Read(last) && !last.Empty();
                        if (!ok)
                        {
                            ended = true;
                            break;
                        }
                        ++lastIndex;
                    }
                    if (ended)
                        break;
                    frames.Add(ToRgbFrame(last, interpolation));
                    ++nextOutput;
                }
                return Stack(frames);
            }
            finally
            {
                foreach (var frame in frames)
                    frame.Dispose();
            }
        }
    }

    // The frame at the requested size (when it differs) in RGB order; a new Mat the caller disposes.
    private Mat ToRgbFrame(Mat frame, InterpolationFlags interpolation)
    {
        var rgb = new Mat();
        try
        {
            var code = frame.Channels() == 4 ? ColorConversionCodes.BGRA2RGB : ColorConversionCodes.BGR2RGB;
            if (height > 0 && width > 0 && (frame.Rows != height || frame.Cols != width))
            {
                using var resized = new Mat();
                Cv2.Resize(frame, resized, new OpenCvSharp.Size(width, height), 0, 0, interpolation);
                Cv2.CvtColor(resized, rgb, code);
            }
            else
            {
                Cv2.CvtColor(frame, rgb, code);
            }
            return rgb;
        }
        catch
        {
            rgb.Dispose();
            throw;
        }
    }

    // uint8 [T,H,W,3] of same-sized continuous RGB frames; T = 0 keeps the requested size.
    private Tensor Stack(List<Mat> frames)
    {
        long rows = frames.Count == 0 ? Math.Max(height, 0) : frames[0].Rows;
        long cols = frames.Count == 0 ? Math.Max(width, 0) : frames[0].Cols;
        var frameBytes = checked((int)(rows * cols * 3));
        foreach (var frame in frames)
        {
            VisionNative.Check(
                frame.Rows == rows && frame.Cols == cols && frame.IsContinuous(),
                Path,
                $"video {VisionNative.Quoted(Path)}: the frame size changed mid-stream; request a fixed size"
            );
        }
        using var scope = torch.NewDisposeScope();
        var result = torch.empty([frames.Count, rows, cols, 3], ScalarType.Byte);
        for (var i = 0; i < frames.Count; i++)
        {
            // Frame by frame: a whole clip may exceed what one span can address.
            using var slot = result.select(0, i);
            unsafe
            {
                new ReadOnlySpan<byte>((void*)frames[i].Data, frameBytes).CopyTo(slot.bytes);
            }
        }
        return result.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        lock (gate)
        {
            capture?.Dispose();
            capture = null;
            last.Dispose();
        }
    }
}
