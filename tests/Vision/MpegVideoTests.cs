using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

public class MpegVideoTests
{
    [Fact]
    public void Converts_to_an_mpeg1_program_stream_with_the_audio_muxed_in()
    {
        using var dir = new Fixtures.TempFolder();
        // 10 grey frames at 25 fps whose brightness climbs from 30 to 210, and 0.4 s of a 440 Hz tone.
        var levels = Enumerable.Range(0, 10).Select(t => (byte)(30 + 20 * t)).ToArray();
        var pixels = levels.SelectMany(level => Enumerable.Repeat(level, 32 * 32 * 3)).ToArray();
        using (var frames = torch.tensor(pixels, [10, 32, 32, 3]))
            VideoWriter.Write(dir.File("clip.mp4"), frames);
        WavFile.Write(
            dir.File("tone.wav"),
            Enumerable.Range(0, 6400).Select(n => 0.5f * MathF.Sin(2 * MathF.PI * 440 * n / 16_000)).ToArray(),
            16_000
        );

        MpegVideo.Convert(dir.File("clip.mp4"), dir.File("clip.mpg"), dir.File("tone.wav"));

        var bytes = File.ReadAllBytes(dir.File("clip.mpg"));
        Assert.Equal([0x00, 0x00, 0x01, 0xBA], bytes[..4]); // MPEG program stream pack header
        using var back = VideoReader.ReadAll(dir.File("clip.mpg"));
        Assert.Equal(10, back.size(0));
        for (var t = 0; t < 10; t++)
        {
            using var frame = back.select(0, t).to(ScalarType.Float32);
            using var mean = frame.mean();
            Assert.InRange(mean.ToSingle(), levels[t] - 4, levels[t] + 4);
        }
        var audio = AudioDecoder.Default.Decode(dir.File("clip.mpg"), 16_000);
        Assert.InRange(audio.Length, 6000, 7500);
        Assert.InRange(audio.Channels[0].Max(), 0.4f, 0.6f);
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        using var dir = new Fixtures.TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => MpegVideo.Convert(dir.File("none.mp4"), dir.File("out.mpg")));
        Assert.Contains("none.mp4", missing.Message);
        File.WriteAllBytes(dir.File("junk.mp4"), [1, 2, 3, 4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => MpegVideo.Convert(dir.File("junk.mp4"), dir.File("out.mpg"), quality: 0));
        var failed = Assert.Throws<IOException>(() => MpegVideo.Convert(dir.File("junk.mp4"), dir.File("out.mpg")));
        Assert.Contains("out.mpg", failed.Message);
        Assert.False(File.Exists(dir.File("out.mpg")));
        Assert.Empty(Directory.GetFiles(dir.Root, ".*"));
    }
}
