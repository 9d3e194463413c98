namespace Dino.Repro.Training;

/// <summary>Picks how progress is shown for the current process.</summary>
public static class ProgressSinks
{
    /// <summary>
    /// When set, console progress is also appended as plain lines to the file it names: a notebook kernel keeps a cell's
    /// output until the cell ends, so `dino notebook run` follows this file to show a long cell's progress as it happens.
    /// </summary>
    public const string MirrorFileVariable = "DINO_PROGRESS_FILE";

    /// <summary>
    /// A live bar when stdout is a terminal; otherwise a plain line every <paramref name="plainInterval"/> (10 s by
    /// default); and the same plain lines to <see cref="MirrorFileVariable"/>'s file when it is set.
    /// </summary>
    public static IProgressSink ForConsole(TimeSpan? plainInterval = null)
    {
        var interval = plainInterval ?? TimeSpan.FromSeconds(10);
        IProgressSink console = LiveProgress.IsSupported ? new LiveProgress() : new PlainProgress(Console.Out, interval);
        return Mirror.Value is { } mirror ? new BothProgress(console, new PlainProgress(mirror, interval)) : console;
    }

    /// <summary>Shows nothing (tests, library use).</summary>
    public static IProgressSink None { get; } = new NoProgress();

    // One writer for the process (a notebook asks for console progress in every cell that trains), opened on first use.
    private static readonly Lazy<TextWriter?> Mirror = new(() =>
    {
        if (Environment.GetEnvironmentVariable(MirrorFileVariable) is not { Length: > 0 } path)
            return null;
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return TextWriter.Synchronized(new StreamWriter(stream) { AutoFlush = true });
    });

    private sealed class BothProgress(IProgressSink first, IProgressSink second) : IProgressSink
    {
        public void Begin(string title, long firstStep, long totalSteps)
        {
            first.Begin(title, firstStep, totalSteps);
            second.Begin(title, firstStep, totalSteps);
        }

        public void Report(StepReport report)
        {
            first.Report(report);
            second.Report(report);
        }

        public void Message(string text)
        {
            first.Message(text);
            second.Message(text);
        }

        public void End()
        {
            first.End();
            second.End();
        }
    }

    private sealed class NoProgress : IProgressSink
    {
        public void Begin(string title, long firstStep, long totalSteps) { }

        public void Report(StepReport report) { }

        public void Message(string text) { }

        public void End() { }
    }
}
