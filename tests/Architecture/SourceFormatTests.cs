using System.Diagnostics;
using Dino.Repro.Tests.Torch;

namespace Dino.Repro.Tests.Architecture;

/// <summary>The layout rules of .editorconfig and .csharpierrc.yaml hold for every C# file of the kit and its tests.</summary>
public class SourceFormatTests
{
    private static readonly string Root = ErrorsAndMemoryTests.RepoRoot();

    [Fact]
    public void No_line_is_longer_than_the_editorconfig_limit()
    {
        var limit = MaxLineLength();
        var offenders = SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, number: i + 1, line.Length)))
            .Where(l => l.Length > limit)
            .Select(l => $"{Path.GetRelativePath(Root, l.file)}:{l.number} ({l.Length} characters)")
            .ToList();
        Assert.True(offenders.Count == 0, $"{offenders.Count} line(s) over {limit} characters:\n" + string.Join("\n", offenders.Take(20)));
    }

    [Fact]
    public void The_limit_is_the_one_csharpier_formats_to()
    {
        var config = File.ReadAllLines(Path.Combine(Root, ".csharpierrc.yaml"));
        Assert.Contains($"printWidth: {MaxLineLength()}", config);
    }

    [Fact]
    public void Every_file_is_as_csharpier_lays_it_out()
    {
        var (code, output) = Dotnet("csharpier", "check", "lib", "tests");
        Assert.True(
            code == 0,
            $"`dotnet csharpier check lib tests` exited {code} (format with `dotnet csharpier format .`; "
                + $"environment/setup.sh restores the tool):\n{output}"
        );
    }

    private static int MaxLineLength()
    {
        var line = File.ReadLines(Path.Combine(Root, ".editorconfig")).Single(l => l.StartsWith("max_line_length", StringComparison.Ordinal));
        return int.Parse(line.Split('=')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "lib", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static (int code, string output) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
