using System.Diagnostics;

namespace Dino.Repro.Tests.Vision;

/// <summary>The shared reference data (../shared/testdata) and the command-line tools the video tests call.</summary>
public static class VisionTestData
{
    /// <summary>A file under the shared testdata folder, found above the test assembly (DINO_TESTDATA overrides).</summary>
    public static string Path(string relative)
    {
        var fromEnv = Environment.GetEnvironmentVariable("DINO_TESTDATA");
        if (!string.IsNullOrEmpty(fromEnv))
            return System.IO.Path.Combine(fromEnv, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "testdata", relative);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"shared/testdata/{relative} not found above {AppContext.BaseDirectory}; set DINO_TESTDATA");
    }

    /// <summary>Runs a tool to completion; returns stdout, throws with stderr on a non-zero exit.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
