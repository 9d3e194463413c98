using System.ComponentModel;
using System.Diagnostics;

namespace Dino.Repro.Vision;

/// <summary>
/// One run of the ffmpeg command line with stdin open for raw data, keeping the tail of its stderr so a failure
/// can say what ffmpeg said. Missing ffmpeg becomes an error naming the package to install.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private const int TailLines = 20;
    private readonly Process process;
    private readonly Queue<string> stderrTail = new();

    private FfmpegProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderrTail)
            {
                stderrTail.Enqueue(e.Data);
                while (stderrTail.Count > TailLines)
                    stderrTail.Dequeue();
            }
        };
        process.BeginErrorReadLine();
    }

    public Stream Input => process.StandardInput.BaseStream;

    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        try
        {
            return new FfmpegProcess(Process.Start(info) ?? throw new InvalidOperationException($"'{executable}' did not start"));
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{executable}' could not be started ({e.Message}): the kit writes videos with the ffmpeg command line; "
                    + "install it (Debian/Ubuntu: apt-get install ffmpeg) or put it on PATH",
                e
            );
        }
    }

    /// <summary>Closes stdin, waits for ffmpeg to finish and returns its exit code.</summary>
    public int Finish()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException) { } // ffmpeg already exited; its exit code and stderr tell why
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The last lines ffmpeg wrote to stderr.</summary>
    public string Tail()
    {
        process.WaitForExit(); // flushes the asynchronous stderr reader
        lock (stderrTail)
            return string.Join(Environment.NewLine, stderrTail);
    }

    public void Kill()
    {
        try
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
