using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.SoundVideo;

/// <summary>A sound-video clip as a downloaded one would be: an MP4 with H.264 video and an AAC track.</summary>
internal static class SoundVideoFixture
{
    public const int Frames = 80,
        Height = 64,
        Width = 96,
        Fps = 20;

    /// <summary>
    /// Writes <c>&lt;folder&gt;/&lt;name&gt;.mp4</c> (and its source <c>&lt;name&gt;.wav</c>): 4 s at 20 fps, 96×64; frame k has its left
    /// half at grey level 40 + 2k and its right half white; the sound is a tone at mel band 20's peak (≈ 1033 Hz), at
    /// 48 kHz (the reader resamples to 64 kHz).
    /// </summary>
    public static string WriteClip(string folder, string name, bool withAudio = true)
    {
        var pixels = new byte[Frames * Height * Width * 3];
        for (var k = 0; k < Frames; k++)
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
        for (var c = 0; c < 3; c++)
            pixels[((k * Height + y) * Width + x) * 3 + c] = (byte)(x < Width / 2 ? 40 + 2 * k : 255);
        Directory.CreateDirectory(folder);
        string? audio = null;
        if (withAudio)
        {
            audio = Path.Combine(folder, name + ".wav");
            WavFile.Write(
                audio,
                Enumerable.Range(0, 4 * 48000).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * HtkBands.PeakHz(20) * n / 48000))).ToArray(),
                48000
            );
        }
        var path = Path.Combine(folder, name + ".mp4");
        using var frames = tensor(pixels, [Frames, Height, Width, 3]);
        VideoWriter.Write(
            path,
            frames,
            new VideoWriterOptions
            {
                Fps = Fps,
                AudioPath = audio,
                Crf = 10,
            }
        );
        return path;
    }
}
