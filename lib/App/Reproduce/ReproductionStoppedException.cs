namespace Dino.Repro.App.Reproduce;

/// <summary>
/// A reproduction asked to stop (<see cref="ReproduceRequest.Stop"/>) while <see cref="Method"/> trained: the run wrote a
/// checkpoint at <see cref="Step"/>, and running the same table again continues it.
/// </summary>
public sealed class ReproductionStoppedException(string method, string runDirectory, long step, long totalSteps)
    : OperationCanceledException($"{method} stopped at step {step} of {totalSteps}, checkpoint written in {runDirectory}")
{
    public string Method { get; } = method;
    public string RunDirectory { get; } = runDirectory;
    public long Step { get; } = step;
    public long TotalSteps { get; } = totalSteps;
}
