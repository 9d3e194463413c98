namespace Dino.Repro.Training;

/// <summary>A loss came out NaN or infinite: the run stops before that step is logged or checkpointed.</summary>
public sealed class NonFiniteLossException : Exception
{
    public NonFiniteLossException(long step, string lossName, double value, string? lastCheckpoint)
        : base(
            $"step {step}: loss '{lossName}' is {Describe(value)}; training stopped. "
                + (lastCheckpoint is null ? "No checkpoint had been written yet." : $"Last good checkpoint: {lastCheckpoint}")
        )
    {
        Step = step;
        LossName = lossName;
        Value = value;
        LastCheckpoint = lastCheckpoint;
    }

    public long Step { get; }
    public string LossName { get; }
    public double Value { get; }

    /// <summary>The newest checkpoint written before the bad step (null when there was none).</summary>
    public string? LastCheckpoint { get; }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN"
        : value > 0 ? "+Inf"
        : "-Inf";
}
