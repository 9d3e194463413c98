using System.ComponentModel;
using System.Diagnostics;

namespace Dino.Repro.Signal;

/// <summary>
/// Any container ffmpeg reads (mp3, flac, m4a/aac, ogg, the audio track of a video…) → 16-bit PCM WAV at a
/// requested rate and channel count, through the <c>ffmpeg</c> command line (Debian package <c>ffmpeg</c>;
/// environment/setup.sh installs it). ffmpeg's own resampler (swresample) does the rate change here; use
/// <see cref="Resampler"/> for rate changes of audio already in memory.
/// </summary>
public sealed class AudioDecoder
{
    private const int StderrTailChars = 2000;

    /// <param name="ffmpegPath">The ffmpeg executable: a name looked up on PATH, or a path.</param>
    /// <param name="timeout">How long one conversion may run before it is killed.</param>
    public AudioDecoder(string ffmpegPath = "ffmpeg", TimeSpan? timeout = null)
    {
        FfmpegPath = ffmpegPath;
        Timeout = timeout ?? TimeSpan.FromMinutes(10);
    }

    /// <summary>Uses <c>ffmpeg</c> from PATH, or the executable named by DINO_FFMPEG when set.</summary>
    public static AudioDecoder Default { get; } = new(Environment.GetEnvironmentVariable("DINO_FFMPEG") is { Length: > 0 } p ? p : "ffmpeg");

    public string FfmpegPath { get; }
    public TimeSpan Timeout { get; }

    /// <summary>Decodes <paramref name="inputPath"/> to float samples at <paramref name="sampleRate"/> with 1 or 2 channels.</summary>
    public AudioBuffer Decode(string inputPath, int sampleRate, int channels = 1)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"dino-decode-{Guid.NewGuid():N}.wav");
        try
        {
            ConvertToWav(inputPath, temporary, sampleRate, channels);
            return WavFile.Read(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes the first audio stream of <paramref name="inputPath"/> as a 16-bit PCM WAV file (atomically).</summary>
    public void ConvertToWav(string inputPath, string outputWavPath, int sampleRate, int channels = 1)
    {
        if (!File.Exists(inputPath))
            throw new FileNotFoundException($"audio file not found: {inputPath}", inputPath);
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive");
        if (channels is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "ffmpeg conversion gives mono (1) or stereo (2)");

        var full = Path.GetFullPath(outputWavPath);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp.wav");
        try
        {
            Run(inputPath, temporary, sampleRate, channels);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private void Run(string inputPath, string outputPath, int sampleRate, int channels)
    {
        var start = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // -vn drops video; -map_metadata -1 keeps ffmpeg's LIST/INFO chunk out; pcm_s16le at the asked rate/layout.
        foreach (
            var arg in new[]
            {
                "-nostdin",
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-i",
                inputPath,
                "-vn",
                "-map_metadata",
                "-1",
                "-ac",
                channels.ToString(),
                "-ar",
                sampleRate.ToString(),
                "-c:a",
                "pcm_s16le",
                "-f",
                "wav",
                outputPath,
            }
        )
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"ffmpeg ('{FfmpegPath}') did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"ffmpeg ('{FfmpegPath}') could not be run ({e.Message}); it converts {Path.GetFileName(inputPath)} to WAV. "
                    + "Install it (Debian: apt-get install ffmpeg; environment/setup.sh does this) or set DINO_FFMPEG to its path.",
                e
            );
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"ffmpeg took longer than {Timeout} to convert {inputPath}; it was stopped");
            }
            process.WaitForExit();
            Task.WaitAll(stderr, stdout);
            if (process.ExitCode != 0 || !File.Exists(outputPath))
            {
                var tail = stderr.Result.Trim();
                if (tail.Length > StderrTailChars)
                    tail = "…" + tail[^StderrTailChars..];
                throw new InvalidDataException(
                    $"ffmpeg could not convert {inputPath} to WAV (exit code {process.ExitCode}): {(tail.Length > 0 ? tail : "no message on stderr")}"
                );
            }
        }
    }
}
