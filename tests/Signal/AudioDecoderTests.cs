using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using Xunit.Abstractions;

namespace Dino.Repro.Tests.Signal;

public class AudioDecoderTests(ITestOutputHelper output)
{
    private bool ToolsPresent(params string[] names)
    {
        foreach (var name in names)
        {
            if (Tools.Available(name, out var why))
                continue;
            output.WriteLine($"returned early: {why}");
            return false;
        }
        return true;
    }

    /// <summary>The frequency (Hz) of the largest DFT bin of <paramref name="x"/>, searched in whole Hz.</summary>
    private static double PeakHz(float[] x, int rate, int minHz, int maxHz)
    {
        double best = 0,
            bestHz = 0;
        for (var hz = minHz; hz < maxHz; hz++)
        {
            double re = 0,
                im = 0;
            for (var n = 0; n < x.Length; n++)
            {
                var angle = 2 * Math.PI * hz * n / rate;
                re += x[n] * Math.Cos(angle);
                im -= x[n] * Math.Sin(angle);
            }
            var power = re * re + im * im;
            if (power > best)
                (best, bestHz) = (power, hz);
        }
        return bestHz;
    }

    [Fact]
    public void A_flac_made_by_sox_decodes_to_mono_16k_with_its_tone()
    {
        if (!ToolsPresent("ffmpeg", "sox"))
            return;
        using var folder = new Fixtures.TempFolder();
        var flac = folder.File("tone.flac");
        // One second of a 440 Hz sine at half scale, 44.1 kHz stereo, no dither.
        Tools.Run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac, "synth", "1", "sine", "440", "vol", "0.5");
        var audio = AudioDecoder.Default.Decode(flac, 16000);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(1, audio.ChannelCount);
        Assert.InRange(audio.Length, 15990, 16010);
        Assert.Equal(440, PeakHz(audio.Channels[0][..15990], 16000, 300, 600));
        var peak = audio.Channels[0].Max(Math.Abs);
        Assert.InRange(peak, 0.48, 0.52);

        var stereoWav = folder.File("out/tone.wav");
        AudioDecoder.Default.ConvertToWav(flac, stereoWav, 8000, channels: 2);
        var header = WavFile.ReadHeader(stereoWav);
        Assert.Equal((WavSampleFormat.Pcm16, 2, 8000), (header.Format, header.ChannelCount, header.SampleRate));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(stereoWav)!)); // no temporary left behind
    }

    [Fact]
    public void Speech_from_espeak_ng_keeps_its_duration_through_ffmpeg()
    {
        if (!ToolsPresent("ffmpeg", "espeak-ng"))
            return;
        using var folder = new Fixtures.TempFolder();
        var wav = folder.File("speech.wav");
        Tools.Run("espeak-ng", "-v", "en-us", "-w", wav, "bin blue at f two now");
        var original = WavFile.Read(wav); // espeak-ng writes 22.05 kHz mono 16-bit
        var decoded = AudioDecoder.Default.Decode(wav, 16000);
        Assert.Equal(original.Duration.TotalSeconds, decoded.Duration.TotalSeconds, 2);
        var rms = Math.Sqrt(decoded.Channels[0].Average(v => (double)v * v));
        var originalRms = Math.Sqrt(original.Channels[0].Average(v => (double)v * v));
        Assert.True(rms > 0.01, $"decoded speech is nearly silent (rms {rms})");
        Assert.Equal(originalRms, rms, 0.1 * originalRms); // speech energy sits below 8 kHz: the level survives
    }

    [Fact]
    public void A_missing_ffmpeg_is_a_clear_error()
    {
        using var folder = new Fixtures.TempFolder();
        var input = folder.File("in.wav");
        WavFile.Write(input, new float[10], 8000);
        var decoder = new AudioDecoder(folder.File("no-such-ffmpeg"));
        var error = Assert.Throws<InvalidOperationException>(() => decoder.Decode(input, 16000));
        Assert.Contains("could not be run", error.Message);
        Assert.Contains("no-such-ffmpeg", error.Message);
        Assert.Contains("apt-get install ffmpeg", error.Message);
    }

    [Fact]
    public void A_file_ffmpeg_cannot_read_reports_its_stderr()
    {
        if (!ToolsPresent("ffmpeg"))
            return;
        using var folder = new Fixtures.TempFolder();
        var junk = folder.File("junk.mp3");
        File.WriteAllBytes(junk, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => AudioDecoder.Default.Decode(junk, 16000));
        Assert.Contains("ffmpeg could not convert", error.Message);
        Assert.Contains(junk, error.Message);
        Assert.Matches("exit code [1-9]", error.Message);
        Assert.DoesNotContain("no message on stderr", error.Message);
        Assert.Throws<FileNotFoundException>(() => AudioDecoder.Default.Decode(folder.File("absent.flac"), 16000));
    }
}
