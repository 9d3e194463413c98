namespace Dino.Repro.Training;

/// <summary>Picks how progress is shown for the current process.</summary>
public static class ProgressSinks
{
    /// <summary>A live bar when stdout is a terminal; otherwise a plain line every <paramref name="plainInterval"/> (10 s by default).</summary>
    public static IProgressSink ForConsole(TimeSpan? plainInterval = null) =>
        LiveProgress.IsSupported ? new LiveProgress() : new PlainProgress(Console.Out, plainInterval ?? TimeSpan.FromSeconds(10));

    /// <summary>Shows nothing (tests, library use).</summary>
    public static IProgressSink None { get; } = new NoProgress();

    private sealed class NoProgress : IProgressSink
    {
        public void Begin(string title, long firstStep, long totalSteps) { }
        public void Report(StepReport report) { }
        public void Message(string text) { }
        public void End() { }
    }
}
