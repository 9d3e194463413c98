using System.Diagnostics;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.DataScripts;

/// <summary>shellcheck over every data-script (environment/setup.sh installs it from Debian's shellcheck package).</summary>
public class ShellcheckTests
{
    // environment/setup.sh installs it, so a missing linter is a machine not set up, not a reason to pass.
    private static string Shellcheck() =>
        new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists)
        ?? throw new Xunit.Sdk.XunitException("shellcheck is not installed: run environment/setup.sh (Debian package shellcheck)");

    [Fact]
    public void Every_data_script_is_shellcheck_clean()
    {
        var dir = ScriptRunner.ScriptsDir();
        var scripts = Directory.GetFiles(dir, "*.sh").Select(Path.GetFileName).OfType<string>().Order().ToList();
        Assert.Equal(11, scripts.Count); // lib.sh + 8 corpora + evaluators.sh + fsd50k.sh
        var (exit, report) = Lint(dir, scripts);
        Assert.True(exit == 0, report);
    }

    [Fact]
    public void The_set_up_scripts_and_the_launcher_are_shellcheck_clean()
    {
        var root = Path.GetDirectoryName(ScriptRunner.ScriptsDir())!;
        var (exit, report) = Lint(
            root,
            ["environment/setup.sh", "environment/image.sh", "environment/packages.sh", "environment/fetch-plotly.sh", "dino"]
        );
        Assert.True(exit == 0, report);
    }

    [Fact]
    public void The_linter_flags_a_script_with_an_unquoted_variable()
    {
        // Proves the clean verdict above comes from a working shellcheck, not from one that passes everything.
        using var temp = new Fixtures.TempFolder();
        File.WriteAllText(temp.File("bad.sh"), "#!/usr/bin/env bash\nfolder=\"$1\"\nrm -rf $folder/cache\n");
        var (exit, report) = Lint(temp.Root, ["bad.sh"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("SC2086", report);
    }

    private static (int Exit, string Report) Lint(string folder, IEnumerable<string> scripts)
    {
        var psi = new ProcessStartInfo(Shellcheck())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        psi.ArgumentList.Add("-x");
        foreach (var s in scripts)
            psi.ArgumentList.Add(s);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var report = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        return (p.ExitCode, report);
    }
}
