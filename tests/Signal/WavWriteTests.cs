using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using Xunit.Abstractions;

namespace Dino.Repro.Tests.Signal;

public class WavWriteTests(ITestOutputHelper output)
{
    /// <summary>Random samples lying exactly on the format's grid, so a round trip must return them bit for bit.</summary>
    private static AudioBuffer OnGrid(WavSampleFormat format, int channels, int frames, int seed)
    {
        var random = new Random(seed);
        var data = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            data[c] = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                data[c][i] = format switch
                {
                    WavSampleFormat.Pcm8 => random.Next(-128, 128) / 128f,
                    WavSampleFormat.Pcm16 => random.Next(-32768, 32768) / 32768f,
                    WavSampleFormat.Pcm24 => random.Next(-8388608, 8388608) / 8388608f,
                    // float32 holds 24 bits of mantissa: a 32-bit grid point is exact only when it fits in them.
                    WavSampleFormat.Pcm32 => (float)(random.Next(-8388608, 8388608) * 256.0 / 2147483648.0),
                    _ => (float)(random.NextDouble() * 4 - 2),
                };
            }
        }
        return new AudioBuffer(data, 22050);
    }

    public static TheoryData<WavSampleFormat, int, bool> Formats()
    {
        var data = new TheoryData<WavSampleFormat, int, bool>();
        foreach (var format in Enum.GetValues<WavSampleFormat>())
        foreach (var channels in new[] { 1, 2, 3 })
        {
            // WAVE_FORMAT_EXTENSIBLE where the Microsoft spec asks: > 2 channels, or integer PCM deeper than 16 bits.
            var extensible = channels > 2 || format is WavSampleFormat.Pcm24 or WavSampleFormat.Pcm32;
            data.Add(format, channels, extensible);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_written_format_reads_back_exactly(WavSampleFormat format, int channels, bool extensible)
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File("round.wav");
        var audio = OnGrid(format, channels, 101, seed: (int)format * 10 + channels); // odd length: odd 8-bit data is padded
        WavFile.Write(path, audio, format);
        var back = WavFile.Read(path, out var header);
        Assert.Equal(new WavHeader(format, channels, 22050, 101, extensible), header);
        for (var c = 0; c < channels; c++)
            Close.All(audio.Channels[c], back.Channels[c], 0, what: $"{format} channel {c}");
        var expectedBytes =
            12
            + 8
            + (
                extensible ? 40
                : format == WavSampleFormat.Float32 ? 18
                : 16
            )
            + (format == WavSampleFormat.Float32 ? 12 : 0)
            + 8
            + 101 * channels * format.BytesPerSample();
        Assert.Equal(expectedBytes + expectedBytes % 2, new FileInfo(path).Length);
    }

    [Fact]
    public void Integer_formats_round_to_the_nearest_level_and_clip()
    {
        var audio = AudioBuffer.Mono(new[] { 1.5f, -1.5f, 1f, 0.3f, -1f / 65536 * 3 }, 8000);
        var back = WavFile.Decode(WavFile.Encode(audio, WavSampleFormat.Pcm16));
        // 0.3·32768 = 9830.4 → 9830; −3/65536·32768 = −1.5 → −2 (ties to even).
        Close.All(new[] { 32767 / 32768f, -1f, 32767 / 32768f, 9830 / 32768f, -2 / 32768f }, back.Channels[0], 0);
        var eight = WavFile.Decode(WavFile.Encode(audio, WavSampleFormat.Pcm8));
        Close.All(new[] { 127 / 128f, -1f, 127 / 128f, 38 / 128f, 0f }, eight.Channels[0], 0);
    }

    [Fact]
    public void Writes_are_atomic_and_leave_no_temporary_files()
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File("clip.wav");
        WavFile.Write(path, new[] { 0.5f, -0.5f }, 16000);
        WavFile.Write(path, new[] { 0.25f }, 8000); // replaces the file
        Assert.Equal(new[] { "clip.wav" }, Directory.GetFiles(folder.Root).Select(Path.GetFileName).ToArray());
        Assert.Equal(8000, WavFile.Read(path).SampleRate);

        // A failure while encoding keeps the previous file intact.
        var error = Assert.Throws<ArgumentException>(() => WavFile.Write(path, new[] { float.NaN }, 8000));
        Assert.Contains("NaN", error.Message);
        Assert.Equal(new[] { 0.25f }, WavFile.Read(path).Channels[0]);
        Assert.Single(Directory.GetFiles(folder.Root));
    }

    [Fact]
    public void Written_files_are_read_by_sox_with_the_same_header()
    {
        if (!Tools.Available("sox", out var why))
        {
            output.WriteLine($"returned early: {why}");
            return;
        }
        using var folder = new Fixtures.TempFolder();
        foreach (var format in new[] { WavSampleFormat.Pcm16, WavSampleFormat.Pcm24, WavSampleFormat.Float32 })
        {
            var path = folder.File($"{format}.wav");
            WavFile.Write(path, OnGrid(WavSampleFormat.Pcm16, 3, 500, 7), format);
            var info = Tools.Run("soxi", path);
            Assert.Contains("Channels       : 3", info);
            Assert.Contains("Sample Rate    : 22050", info);
            Assert.Contains("500 samples", info);
            // sox reports float32 as 25-bit precision (24-bit mantissa + sign).
            Assert.Contains($"Precision      : {(format == WavSampleFormat.Pcm16 ? 16 : format == WavSampleFormat.Pcm24 ? 24 : 25)}-bit", info);
        }
    }
}
