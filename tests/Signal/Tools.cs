using System.Diagnostics;

namespace Dino.Repro.Tests.Signal;

/// <summary>Command-line tools some tests use (ffmpeg, sox, espeak-ng; environment/setup.sh installs them).</summary>
internal static class Tools
{
    public static bool Available(string name, out string why)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
        why = found ? "" : $"{name} is not installed (environment/setup.sh installs it), so this check cannot run here";
        return found;
    }

    /// <summary>Runs a tool and returns its stdout + stderr; a non-zero exit fails the test with that text.</summary>
    public static string Run(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var text = stdout + stderr.Result;
        if (process.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"{name} {string.Join(' ', args)} failed ({process.ExitCode}): {text}");
        return text;
    }
}
