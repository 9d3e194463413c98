using System.Diagnostics;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.Signal;

namespace Dino.Repro.Tests.Data.Grid;

/// <summary>
/// A GRID utterance in the real corpus' formats, made on the spot: a 2 s, 25 fps MPEG-1 program stream (written by
/// the ffmpeg command line from raw frames of a drawn face whose mouth opens and closes), a 50 kHz 16-bit WAV of a
/// 440 Hz sine at amplitude 0.5, and an alignment in GRID's units of 1/25000 s.
/// </summary>
internal static class GridFixture
{
    public const int Frames = 50;
    public const int FrameSize = 96;
    public const int WavRate = 50_000;
    public const double ToneHz = 440;
    public const float ToneAmplitude = 0.5f;

    /// <summary>"bin blue at f two now" between 0.95 s and 1.92 s, <c>sil</c> around it, 2 s in all.</summary>
    public const string Alignment =
        "0 23750 sil\n23750 29500 bin\n29500 34000 blue\n34000 35500 at\n35500 41000 f\n41000 44000 two\n44000 48000 now\n48000 50000 sil\n";

    public static TalkingFace Face { get; } = TalkingFace.ForSpeaker(1, seed: 0);

    /// <summary>The mouth opening drawn in frame <paramref name="t"/>: a ramp that repeats every 10 frames.</summary>
    public static double Opening(int t) => t % 10 / 9.0;

    public static GridUtterance Write(string root, int speaker = 3, string id = "bbaf2n")
    {
        var folder = Path.Combine(root, $"s{speaker}");
        Directory.CreateDirectory(Path.Combine(folder, "align"));
        File.WriteAllText(Path.Combine(folder, "align", id + ".align"), Alignment);
        var tone = Enumerable.Range(0, 2 * WavRate).Select(n => ToneAmplitude * (float)Math.Sin(2 * Math.PI * ToneHz * n / WavRate)).ToArray();
        WavFile.Write(Path.Combine(folder, id + ".wav"), tone, WavRate);
        WriteMpeg(Path.Combine(folder, id + ".mpg"));
        return new GridUtterance(speaker, id);
    }

    private static void WriteMpeg(string path)
    {
        var frame = FrameSize * FrameSize * 3;
        var raw = new byte[Frames * frame];
        for (var t = 0; t < Frames; t++)
            Face.Draw(FrameSize, new MouthShape(Opening(t), 0.6, 0)).CopyTo(raw.AsSpan(t * frame));
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var a in new[]
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
                $"{FrameSize}x{FrameSize}",
                "-framerate",
                "25",
                "-i",
                "pipe:0",
                "-c:v",
                "mpeg1video",
                "-q:v",
                "2",
                "-f",
                "mpeg",
                path,
            }
        )
            start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start)!;
        var stderr = ffmpeg.StandardError.ReadToEndAsync();
        ffmpeg.StandardInput.BaseStream.Write(raw);
        ffmpeg.StandardInput.Close();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed making the fixture: {stderr.Result}");
    }
}
