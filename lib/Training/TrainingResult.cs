namespace Dino.Repro.Training;

/// <summary>How a training session ended.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="Step">Steps completed.</param>
/// <param name="TotalSteps">Steps the options asked for.</param>
/// <param name="LastCheckpoint">The newest checkpoint (null if none was written).</param>
public sealed record TrainingResult(string RunDirectory, long Step, long TotalSteps, string? LastCheckpoint)
{
    /// <summary>False when the session was cancelled before the last step (resume it to go on).</summary>
    public bool Completed => Step >= TotalSteps;
}
