using Spectre.Console;

namespace Dino.Repro.Training;

/// <summary>
/// A live Spectre.Console bar for a terminal: step/total, losses, images/s and ETA on one redrawn line. Spectre's
/// progress display runs on its own task; the loop only updates the bar's value and text (both thread-safe).
/// Messages arriving while the bar is live are printed when it closes, so they cannot tear the display.
/// </summary>
public sealed class LiveProgress : IProgressSink
{
    private readonly IAnsiConsole console;
    private readonly List<string> pending = new();
    private readonly object gate = new();
    private TaskCompletionSource? finished;
    private Task? display;
    private ProgressTask? bar;

    private const int BarWidth = 16;

    public LiveProgress(IAnsiConsole? console = null) => this.console = console ?? AnsiConsole.Console;

    /// <summary>True when stdout is an interactive terminal that can redraw a line.</summary>
    public static bool IsSupported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Begin(string title, long firstStep, long totalSteps)
    {
        End();
        finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = finished;
        display = console
            .Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth }, new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: totalSteps);
                task.Value = firstStep;
                ready.SetResult(task);
                await done.Task.ConfigureAwait(false);
                task.StopTask();
            });
        bar = ready.Task.GetAwaiter().GetResult();
    }

    public void Report(StepReport report)
    {
        if (bar is null)
            return;
        bar.Value = report.Step;
        bar.Description = Markup.Escape(Fit(ProgressText.LiveLine(report)));
    }

    public void Message(string text)
    {
        if (bar is null)
            console.WriteLine(text);
        else
            lock (gate)
                pending.Add(text);
    }

    // One line only: a wrapped description would make the bar jump between two and three rows.
    private string Fit(string line)
    {
        var room = Math.Max(20, console.Profile.Width - BarWidth - 10);
        return line.Length <= room ? line : line[..(room - 1)] + "…";
    }

    public void End()
    {
        if (finished is null)
            return;
        finished.TrySetResult();
        display?.GetAwaiter().GetResult();
        finished = null;
        display = null;
        bar = null;
        lock (gate)
        {
            foreach (var line in pending)
                console.WriteLine(line);
            pending.Clear();
        }
    }
}
