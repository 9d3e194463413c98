using Dino.Repro.Torch;
using Dino.Repro.Torch.Native;

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
    private IntPtr handle;
    private readonly double fps;
    private readonly int height;
    private readonly int width;
    private readonly ResizeMode resize;

    private VideoReader(IntPtr handle, string path, double? fps, int? height, int? width, ResizeMode resize)
    {
        this.handle = handle;
        Path = path;
        this.fps = fps ?? 0;
        this.height = height ?? 0;
        this.width = width ?? 0;
        this.resize = resize;
        Info = ReadInfo();
    }

    ~VideoReader() => Release();

    public string Path { get; }
    public VideoInfo Info { get; }

    /// <summary>
    /// Opens a video. <paramref name="fps"/> null keeps every source frame; <paramref name="height"/> and
    /// <paramref name="width"/> (both or neither) set the output size, resized with <paramref name="resize"/>.
    /// </summary>
    public static VideoReader Open(string path, double? fps = null, int? height = null, int? width = null, ResizeMode resize = ResizeMode.Area)
    {
        if (fps is { } f && !(f > 0 && double.IsFinite(f))) throw new ArgumentOutOfRangeException(nameof(fps), fps, "the frame rate must be positive");
        if (height.HasValue != width.HasValue) throw new ArgumentException("give both height and width, or neither");
        if (height is <= 0 || width is <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"the frame size must be positive, got {height}x{width}");
        var full = VisionNative.ExistingFile(path, "video");
        return new VideoReader(VisionNative.CheckFile(LibTorch.dn_video_open(full), full), full, fps, height, width, resize);
    }

    /// <summary>Reads every frame of a file at the requested rate and size (see <see cref="Open"/>).</summary>
    public static Tensor ReadAll(string path, double? fps = null, int? height = null, int? width = null, ResizeMode resize = ResizeMode.Area)
    {
        using var reader = Open(path, fps, height, width, resize);
        return reader.Read();
    }

    /// <summary>The next <paramref name="maxFrames"/> frames (all remaining when negative) as [T,H,W,3]; T = 0 at the end.</summary>
    public Tensor Read(long maxFrames = -1) =>
        new(VisionNative.CheckFile(LibTorch.dn_video_read(Handle, fps, height, width, maxFrames, (int)resize), Path));

    private unsafe VideoInfo ReadInfo()
    {
        var info = stackalloc double[4];
        NativeError.Check(LibTorch.dn_video_info(Handle, info));
        return new VideoInfo(info[0], (long)Math.Round(info[1]), (int)info[2], (int)info[3]);
    }

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(VideoReader));

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibTorch.dn_video_free(h);
    }
}
