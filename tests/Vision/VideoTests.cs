using System.Buffers.Binary;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>
/// Videos made by ffmpeg (its test pattern) and by the kit's writer (frames of known colours), read back at
/// the source rate, below and above it; muxed audio checked with ffprobe.
/// </summary>
public class VideoTests : IDisposable
{
    private const int Frames = 25;
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private string TestPattern()
    {
        var file = temp.File("testsrc.mp4");
        VisionTestData.Run(
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=64x48:rate=25",
            "-t",
            "1",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            file
        );
        return file;
    }

    // Frame k is a flat colour; any two frames differ by ≥ 40 levels in some channel (red steps 10 per frame, blue 40 within each run of five).
    private static byte[] ColourOf(int k) => [(byte)(10 * k), (byte)(250 - 10 * k), (byte)(40 + 40 * (k % 5))];

    private Tensor ColouredFrames(int height, int width) =>
        stack(Enumerable.Range(0, Frames).Select(k => tensor(ColourOf(k)).reshape(1, 1, 3).expand(height, width, 3)).ToArray());

    [Fact]
    public void Ffmpeg_test_pattern_reports_its_rate_count_and_size()
    {
        using var reader = VideoReader.Open(TestPattern());
        Assert.Equal(new VideoInfo(25, 25, 64, 48), reader.Info);
        Assert.Equal(1.0, reader.Info.DurationSeconds, 1e-9);
        var frames = reader.Read();
        Assert.Equal(new long[] { 25, 48, 64, 3 }, frames.shape);
        Assert.Equal(ScalarType.Byte, frames.dtype);
        Assert.Equal(0, reader.Read().size(0)); // the end: no more frames
    }

    [Theory]
    [InlineData(10.0, 10)]
    [InlineData(12.5, 13)]
    [InlineData(50.0, 50)]
    public void Resampling_by_timestamp_picks_the_frame_on_screen(double fps, int expectedCount)
    {
        var file = TestPattern();
        var native = VideoReader.ReadAll(file);

        var sampled = VideoReader.ReadAll(file, fps);

        Assert.Equal(expectedCount, sampled.size(0));
        for (var k = 0; k < expectedCount; k++)
        {
            var source = (int)Math.Floor(k * 25 / fps + 1e-9); // the source frame shown at time k / fps
            Assert.True(sampled.select(0, k).Equals(native.select(0, source)), $"output frame {k} should be source frame {source}");
        }
    }

    [Fact]
    public void Frames_are_resized_on_read_and_chunked_reads_join_up()
    {
        var file = TestPattern();
        var native = VideoReader.ReadAll(file);

        var small = VideoReader.ReadAll(file, height: 24, width: 32);
        Assert.Equal(new long[] { 25, 24, 32, 3 }, small.shape);
        Assert.True(small.Equals(Resize.Hwc(native, 24, 32, ResizeMode.Area)));

        using var reader = VideoReader.Open(file, fps: 10);
        var parts = new[] { reader.Read(4), reader.Read(4), reader.Read() };
        Assert.Equal(new long[] { 4, 4, 2 }, parts.Select(p => p.size(0)).ToArray());
        Assert.True(cat(parts).Equals(VideoReader.ReadAll(file, fps: 10)));
    }

    [Fact]
    public void Written_frames_read_back_with_their_colours_at_25_and_10_fps()
    {
        var file = temp.File("colours.mp4");
        VideoWriter.Write(file, ColouredFrames(24, 32), new VideoWriterOptions { Fps = 25 });

        var at25 = VideoReader.ReadAll(file);
        var at10 = VideoReader.ReadAll(file, fps: 10);

        Assert.Equal(new long[] { 25, 24, 32, 3 }, at25.shape);
        Assert.Equal(10, at10.size(0));
        for (var k = 0; k < 25; k++)
            AssertColour(ColourOf(k), at25.select(0, k), $"frame {k} at 25 fps");
        for (var k = 0; k < 10; k++)
            AssertColour(ColourOf((int)Math.Floor(k * 2.5)), at10.select(0, k), $"frame {k} at 10 fps");
    }

    [Fact]
    public void A_video_with_an_audio_track_has_h264_and_aac_streams()
    {
        var wav = temp.File("tone.wav");
        WriteSineWav(wav, sampleRate: 16000, seconds: 1.0, hertz: 440);
        var file = temp.File("talking.mp4");

        VideoWriter.Write(file, ColouredFrames(24, 32), new VideoWriterOptions { Fps = 25, AudioPath = wav });

        var streams = VisionTestData
            .Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,pix_fmt,sample_rate", "-of", "csv=p=0", file)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("h264,video,yuv420p", streams);
        Assert.Contains("aac,audio,16000", streams);
        var seconds = double.Parse(
            VisionTestData.Run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file),
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.InRange(seconds, 0.95, 1.1);
    }

    [Fact]
    public void Odd_sizes_are_padded_to_even_for_yuv420p()
    {
        var file = temp.File("odd.mp4");
        VideoWriter.Write(file, ColouredFrames(25, 33));
        using var reader = VideoReader.Open(file);
        Assert.Equal((34, 26), (reader.Info.Width, reader.Info.Height));
    }

    [Fact]
    public void Streaming_writes_count_frames_and_abandoned_writers_leave_nothing()
    {
        var file = temp.File("stream.mp4");
        using (var writer = VideoWriter.Open(file, 32, 24))
        {
            var frames = ColouredFrames(24, 32);
            writer.WriteFrames(frames.select(0, 0));
            writer.WriteFrames(frames.narrow(0, 1, 9));
            Assert.Equal(10, writer.FramesWritten);
            Assert.Throws<ArgumentException>(() => writer.WriteFrames(zeros([24, 31, 3], ScalarType.Byte)));
            writer.Close();
        }
        Assert.Equal(10, VideoReader.ReadAll(file).size(0));

        var abandoned = temp.File("abandoned.mp4");
        using (var writer = VideoWriter.Open(abandoned, 32, 24))
            writer.WriteFrames(ColouredFrames(24, 32));
        Assert.Equal(new[] { "stream.mp4" }, Directory.GetFiles(temp.Root).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void Missing_ffmpeg_says_what_to_install()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            VideoWriter.Write(temp.File("x.mp4"), ColouredFrames(24, 32), new VideoWriterOptions { Ffmpeg = "/nonexistent/ffmpeg" })
        );
        Assert.Contains("apt-get install ffmpeg", e.Message);
    }

    [Fact]
    public void Ffmpeg_failures_carry_its_stderr()
    {
        var file = temp.File("bad.mp4");
        var e = Assert.Throws<IOException>(() =>
            VideoWriter.Write(file, ColouredFrames(24, 32), new VideoWriterOptions { Preset = "no-such-preset" })
        );
        Assert.Contains(file, e.Message);
        Assert.Contains("preset", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(temp.Root));
    }

    [Fact]
    public void Missing_and_corrupt_videos_name_the_file()
    {
        var missing = temp.File("missing.mp4");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => VideoReader.Open(missing)).Message);

        var corrupt = temp.File("corrupt.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray());
        Assert.Contains(corrupt, Assert.Throws<InvalidDataException>(() => VideoReader.Open(corrupt)).Message);
    }

    private static void AssertColour(byte[] expected, Tensor frame, string what)
    {
        // yuv420p + H.264 on a flat colour: a few levels of colour-conversion rounding, far below the 30-level spacing.
        var mean = frame.to(ScalarType.Float64).mean([0, 1]).ToArray<double>();
        for (var c = 0; c < 3; c++)
            Assert.True(Math.Abs(mean[c] - expected[c]) <= 6, $"{what}: channel {c} is {mean[c]:F1}, expected {expected[c]}");
    }

    // 16-bit mono PCM WAV with the plain 44-byte header.
    private static void WriteSineWav(string path, int sampleRate, double seconds, double hertz)
    {
        var n = (int)(sampleRate * seconds);
        var bytes = new byte[44 + 2 * n];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + 2 * n);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), 2 * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 2 * n);
        for (var i = 0; i < n; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + 2 * i), (short)(12000 * Math.Sin(2 * Math.PI * hertz * i / sampleRate)));
        File.WriteAllBytes(path, bytes);
    }
}
