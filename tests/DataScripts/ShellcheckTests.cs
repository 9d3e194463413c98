using System.Diagnostics;
using Xunit.Abstractions;

namespace Dino.Repro.Tests.DataScripts;

/// <summary>shellcheck over every data-script (installable from Debian: apt-get install shellcheck).</summary>
public class ShellcheckTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_data_script_is_shellcheck_clean()
    {
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        if (shellcheck is null)
        {
            output.WriteLine("returned early: shellcheck is not installed (apt-get install shellcheck); the scripts were not linted");
            return;
        }
        var dir = ScriptRunner.ScriptsDir();
        var psi = new ProcessStartInfo(shellcheck) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.ArgumentList.Add("-x");
        var scripts = Directory.GetFiles(dir, "*.sh").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(10, scripts.Count);   // lib.sh + 8 corpora + evaluators.sh
        foreach (var s in scripts) psi.ArgumentList.Add(s!);
        using var p = Process.Start(psi)!;
        var report = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, report);
    }
}
