using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using TorchSharp.Modules;

namespace Dino.Repro.Signal.Speech;

/// <summary>
/// Text to speech through the <c>espeak-ng</c> command line (Debian package <c>espeak-ng</c>; environment/setup.sh
/// installs it). The papers' commercial TTS is not available, so every spoken corpus of the kit (Spoken GRID,
/// spoken captions, Voice faces) is synthesised here. espeak-ng is deterministic: the same text and voice give the
/// same samples. Set <c>DINO_ESPEAK</c> to use another executable.
/// </summary>
public static class EspeakNg
{
    /// <summary>espeak-ng's native output rate.</summary>
    public const int NativeSampleRate = 22050;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Executable => Environment.GetEnvironmentVariable("DINO_ESPEAK") is { Length: > 0 } path ? path : "espeak-ng";

    /// <summary>True when the executable runs.</summary>
    public static bool IsAvailable()
    {
        try
        {
            Version();
            return true;
        }
        catch (SpeechSynthesisException)
        {
            return false;
        }
    }

    /// <summary>The first line of <c>espeak-ng --version</c>, e.g. "eSpeak NG text-to-speech: 1.51 …".</summary>
    public static string Version() => Encoding.UTF8.GetString(Run(["--version"])).Split('\n')[0].Trim();

    /// <summary>
    /// Speaks <paramref name="text"/> with <paramref name="voice"/>; mono samples at espeak-ng's 22,050 Hz, or resampled
    /// (band-limited, <see cref="Resampler"/>) to <paramref name="sampleRate"/> when given.
    /// </summary>
    public static AudioBuffer Synthesize(string text, SpeechVoice voice, int? sampleRate = null)
    {
        CheckText(text);
        CheckVoice(voice);
        // A file, not --stdout: on stdout espeak-ng writes a placeholder data size (it streams before it knows the length).
        var temporary = Path.Combine(Path.GetTempPath(), $"dino-espeak-{Guid.NewGuid():N}.wav");
        AudioBuffer audio;
        try
        {
            Run([.. VoiceArguments(voice), "-w", temporary, "--", text]);
            audio = WavFile.Read(temporary);
        }
        catch (InvalidDataException e)
        {
            throw new SpeechSynthesisException($"espeak-ng wrote no valid WAV for \"{text}\" with voice {voice.Tag}: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
        return sampleRate is { } rate && rate != audio.SampleRate ? Resampler.Resample(audio, rate) : audio;
    }

    /// <summary>The variant names espeak-ng knows (<c>--voices=variant</c>: f1…f5, m1…m7, klatt, …), cached.</summary>
    public static IReadOnlySet<string> Variants() => variants ??= ListVariants();

    private static IReadOnlySet<string>? variants;

    private static HashSet<string> ListVariants()
    {
        // Lines look like " 5  variant  --/M  Adam  !v/adam": the file name after "!v/" is what "+name" selects.
        var listing = Encoding.UTF8.GetString(Run(["--voices=variant"]));
        return listing
            .Split('\n')
            .Select(line =>
                line.IndexOf("!v/", StringComparison.Ordinal) is var at and >= 0
                    ? line[(at + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]
                    : null
            )
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The phonemes espeak-ng would speak, one word per space-separated token: its ASCII mnemonics (<c>-x</c>,
    /// e.g. "b'In bl'u:") or IPA (<c>--ipa</c>, e.g. "bˈɪn blˈuː").
    /// </summary>
    public static string Phonemes(string text, SpeechVoice voice, bool ipa = false)
    {
        CheckText(text);
        CheckVoice(voice);
        var output = Run([.. VoiceArguments(voice), "-q", ipa ? "--ipa" : "-x", "--", text]);
        return string.Join(' ', Encoding.UTF8.GetString(output).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static string[] VoiceArguments(SpeechVoice voice) =>
        [
            "-v",
            voice.VoiceArgument,
            "-p",
            voice.Pitch.ToString(),
            "-s",
            voice.Speed.ToString(),
            "-a",
            voice.Amplitude.ToString(),
            "-g",
            voice.WordGap.ToString(),
        ];

    // espeak-ng falls back to its default voice for an unknown variant when writing a file, so check it here.
    private static void CheckVoice(SpeechVoice voice)
    {
        voice.Validate();
        if (voice.Variant is { } variant && !Variants().Contains(variant))
            throw new SpeechSynthesisException(
                $"espeak-ng has no voice variant '{variant}' (known: {string.Join(", ", Variants().Order().Take(12))}, …)"
            );
    }

    private static void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("nothing to speak: the text is empty", nameof(text));
    }

    private static byte[] Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpeechSynthesisException($"could not start {Executable}");
        }
        catch (Win32Exception e)
        {
            throw new SpeechSynthesisException(
                $"{Executable} not found ({e.Message}): install it with environment/setup.sh (Debian package espeak-ng) or set DINO_ESPEAK",
                e
            );
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(buffer);
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SpeechSynthesisException($"{Executable} did not finish within {Timeout.TotalSeconds:0} s");
            }
            copy.Wait();
            var error = stderr.Result.Trim();
            if (process.ExitCode != 0)
                throw new SpeechSynthesisException($"{Executable} exited with {process.ExitCode}: {(error.Length > 0 ? error : "no message")}");
            // espeak-ng reports an unknown voice on stderr but still exits 0 with the default voice: refuse that.
            if (error.Contains("not found", StringComparison.OrdinalIgnoreCase) || error.Contains("Error", StringComparison.Ordinal))
                throw new SpeechSynthesisException($"{Executable}: {error}");
            return buffer.ToArray();
        }
    }
}

/// <summary>espeak-ng is missing, failed, or rejected a voice; the message says which and how to fix it.</summary>
public sealed class SpeechSynthesisException : Exception
{
    public SpeechSynthesisException(string message, Exception? inner = null)
        : base(message, inner) { }
}
