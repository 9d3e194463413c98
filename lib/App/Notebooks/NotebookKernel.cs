using System.Diagnostics;
using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// The .NET Interactive kernel that Polyglot Notebooks and Jupyter run, driven headlessly by dotnet-repl (pinned in the
/// kit's <c>dotnet-tools.json</c>, installed by <c>dotnet tool restore</c> in environment/setup.sh): it runs every
/// cell of a notebook, continuing past a failing one, and writes the executed notebook.
/// </summary>
public static class NotebookKernel
{
    /// <summary>
    /// Runs <paramref name="notebookPath"/> with cells working in <paramref name="workingFolder"/> and writes the executed
    /// notebook to <paramref name="executedPath"/>; lines the kit reports as progress meanwhile go to
    /// <paramref name="progressLine"/>. Returns dotnet-repl's exit code (2 when a cell failed).
    /// </summary>
    /// <exception cref="NotebookKernelException">The kernel is not installed, or ended without writing the notebook.</exception>
    public static int Run(
        string notebookPath,
        string executedPath,
        string workingFolder,
        Action<string>? progressLine,
        CancellationToken cancellation = default
    )
    {
        var progressFile = Path.Combine(Path.GetDirectoryName(executedPath)!, "progress.log");
        File.WriteAllText(progressFile, "");
        var start = new ProcessStartInfo("dotnet")
        {
            // The C# kernel's current folder is the process's (dotnet-repl's --working-dir does not move it): relative
            // paths in cells resolve from the notebook's folder, as in Polyglot Notebooks.
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ToolPath(), "--run", notebookPath, "--exit-after-run", "--output-path", executedPath })
            start.ArgumentList.Add(argument);
        start.Environment[ProgressSinks.MirrorFileVariable] = progressFile;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new NotebookKernelException("could not start `dotnet tool run dotnet-repl`", "");
        var console = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(console, e.Data);
        process.ErrorDataReceived += (_, e) => Append(console, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var tail = new ProgressTail(progressFile, progressLine);
        using (cancellation.Register(() => process.Kill(entireProcessTree: true)))
        {
            while (!process.WaitForExit(200))
                tail.Poll();
            process.WaitForExit();
        }
        tail.Poll();
        cancellation.ThrowIfCancellationRequested();
        if (!File.Exists(executedPath))
        {
            string text;
            lock (console)
                text = console.ToString();
            throw new NotebookKernelException($"the kernel (dotnet-repl) exited {process.ExitCode} without writing the executed notebook", text);
        }
        return process.ExitCode;
    }

    /// <summary>
    /// dotnet-repl's entry assembly at the version the kit's dotnet-tools.json pins, where <c>dotnet tool restore</c> puts
    /// it (the NuGet global-packages folder). Run by path, not through <c>dotnet tool run</c>, so the process can start in
    /// a notebook's folder outside the kit.
    /// </summary>
    public static string ToolPath()
    {
        var manifest = Path.Combine(KitPaths.Root(), "dotnet-tools.json");
        var version = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?[ToolName]?["version"]?.GetValue<string>()
            ?? throw new NotebookKernelException($"{manifest} names no {ToolName}", "");
        var tools = Path.Combine(GlobalPackagesFolder(), ToolName, version, "tools");
        var entry = Directory.Exists(tools)
            ? Directory.EnumerateFiles(tools, ToolName + ".dll", SearchOption.AllDirectories).Order().FirstOrDefault()
            : null;
        return entry
            ?? throw new NotebookKernelException(
                $"the notebook kernel ({ToolName} {version}) is not installed: run `dotnet tool restore` in {KitPaths.Root()} "
                    + "(environment/setup.sh does)",
                ""
            );
    }

    private const string ToolName = "dotnet-repl";

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void Append(System.Text.StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }

    /// <summary>Hands on each complete line appended to the progress file since the last poll.</summary>
    private sealed class ProgressTail(string path, Action<string>? line) : IDisposable
    {
        private readonly FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        private readonly System.Text.Decoder utf8 = System.Text.Encoding.UTF8.GetDecoder(); // keeps a character split across reads
        private readonly byte[] bytes = new byte[64 * 1024];
        private readonly char[] chars = new char[64 * 1024 + 4];
        private string pending = "";

        public void Poll()
        {
            if (line is null)
                return;
            int read;
            var text = new System.Text.StringBuilder(pending);
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
                text.Append(chars, 0, utf8.GetChars(bytes, 0, read, chars, 0));
            var lines = text.ToString().Split('\n');
            pending = lines[^1];
            foreach (var complete in lines[..^1])
                line(complete.TrimEnd('\r'));
        }

        public void Dispose() => stream.Dispose();
    }
}

/// <summary>The notebook kernel could not run the notebook at all (not installed, crashed); its console output is kept.</summary>
public sealed class NotebookKernelException(string message, string kernelOutput) : Exception(message)
{
    /// <summary>What dotnet-repl printed, for the failure report.</summary>
    public string KernelOutput { get; } = kernelOutput;
}
