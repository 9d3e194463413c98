namespace Dino.Repro.Training;

/// <summary>
/// Progress as plain lines for logs that are not a terminal (CI, notebooks, redirected output): the first step,
/// then at most one line per <c>interval</c>, and always the last step.
/// </summary>
public sealed class PlainProgress : IProgressSink
{
    private readonly TextWriter writer;
    private readonly TimeSpan interval;
    private DateTime lastLine = DateTime.MinValue;

    /// <param name="interval">The least time between two progress lines; zero writes every step.</param>
    public PlainProgress(TextWriter writer, TimeSpan interval)
    {
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
        this.interval = interval;
    }

    public void Begin(string title, long firstStep, long totalSteps)
    {
        writer.WriteLine(firstStep == 0 ? $"{title}: {totalSteps} steps" : $"{title}: resuming at step {firstStep} of {totalSteps}");
        lastLine = DateTime.MinValue;
    }

    public void Report(StepReport report)
    {
        var now = DateTime.UtcNow;
        if (report.Step != report.TotalSteps && now - lastLine < interval)
            return;
        lastLine = now;
        writer.WriteLine(ProgressText.Line(report));
        writer.Flush();
    }

    public void Message(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }

    public void End() => writer.Flush();
}
