using System.ComponentModel;
using System.Diagnostics;

namespace Dino.Repro.Data.Loading;

/// <summary>What a data-script's exit code means (data-scripts/lib.sh gives every script the same ones).</summary>
public enum DataScriptOutcome
{
    Done = 0,
    Failed = 1,
    Usage = 2,

    /// <summary>Host unreachable, offline, or an HTTP error.</summary>
    Offline = 3,

    /// <summary>A checksum or file-count mismatch.</summary>
    ChecksumMismatch = 4,

    /// <summary>A file the licence makes the user fetch by hand is not in place yet.</summary>
    ManualStep = 5,
}

/// <summary>
/// Runs <c>data-scripts/&lt;corpus&gt;.sh</c> for <c>dino corpus prepare</c>: with <c>DINO_IN_CORPUS_PREPARE=1</c> (so the
/// script does not call the kit back) and <c>DINO_DATA</c> set to the kit's data root, its output streamed line by line.
/// </summary>
public static class DataScript
{
    /// <summary>The script of <paramref name="corpus"/> in <paramref name="scriptsFolder"/> (whether or not it exists).</summary>
    public static string PathOf(string scriptsFolder, string corpus) => Path.Combine(scriptsFolder, corpus + ".sh");

    /// <summary>Runs the script to its end and returns its exit code; each output line goes to the matching callback.</summary>
    public static int Run(string script, string dataRoot, Action<string> stdout, Action<string> stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(script))
            throw new FileNotFoundException($"data-script not found: {Path.GetFullPath(script)}", script);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(script));
        start.Environment["DINO_IN_CORPUS_PREPARE"] = "1";
        start.Environment["DINO_DATA"] = dataRoot;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                stdout(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                stderr(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {script}: bash is not available ({e.Message})", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit(); // without a timeout this also waits for the last output line
        return process.ExitCode;
    }

    /// <summary>The meaning of an exit code; codes lib.sh does not define count as <see cref="DataScriptOutcome.Failed"/>.</summary>
    public static DataScriptOutcome Outcome(int exitCode) =>
        Enum.IsDefined(typeof(DataScriptOutcome), exitCode) ? (DataScriptOutcome)exitCode : DataScriptOutcome.Failed;
}
