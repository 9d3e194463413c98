namespace Dino.Repro.Training;

/// <summary>Where the loop shows its progress: a live bar on a terminal, plain lines elsewhere, nothing in tests.</summary>
public interface IProgressSink
{
    /// <summary>The run starts (or resumes) at <paramref name="firstStep"/> of <paramref name="totalSteps"/>.</summary>
    void Begin(string title, long firstStep, long totalSteps);

    void Report(StepReport report);

    /// <summary>A line of text (options, evaluation results, where the run folder is).</summary>
    void Message(string text);

    /// <summary>The run stopped (finished, cancelled or failed); a live display closes here.</summary>
    void End();
}
