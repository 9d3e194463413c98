namespace Dino.Repro.Models;

/// <summary>
/// The options every experiment shares; an experiment's own options record derives from this one and adds its
/// hyper-parameters. On the command line and in options.json each property goes by its snake_case name
/// (<c>--set batch_size=16</c>). Every default is documented where it is set.
/// </summary>
public abstract record TrainingOptions
{
    /// <summary>Optimisation steps in the whole run. Default 1000; a resumed run continues up to this count.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Examples per step. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seeds torch's default generator, the data order and every generator the experiment owns. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Where tensors live: cpu, cuda or cuda:N. Default cpu (bit-identical resume is promised on the CPU).</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>Write a log.jsonl line every this many steps (and at checkpoints and the last step). Default 10.</summary>
    public int LogEvery { get; init; } = 10;

    /// <summary>Save a sample grid every this many steps; 0 turns samples off. Default 500.</summary>
    public int SampleEvery { get; init; } = 500;

    /// <summary>Run the experiment's evaluation every this many steps; 0 turns it off. Default 0.</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>Write a checkpoint every this many steps (and always after the last one). Default 500.</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>How many of the newest checkpoints a run folder keeps. Default 3.</summary>
    public int KeepCheckpoints { get; init; } = 3;

    /// <summary>
    /// Batches decoded ahead of the step on a background thread; 0 decodes each batch in the step itself. Same
    /// batches in the same order either way. Default 2.
    /// </summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>
    /// What reading the corpus does with a sample it cannot read: "throw" (stop, naming the file) or "skip" (leave it
    /// out; every skipped file and its reason are logged and listed in log.jsonl). Default "throw".
    /// </summary>
    public string BadSamples { get; init; } = "throw";

    /// <summary>Problems with the values, one message each (empty when the options are usable).</summary>
    public virtual IEnumerable<string> Validate()
    {
        if (Steps < 1)
            yield return $"steps must be at least 1 (got {Steps})";
        if (BatchSize < 1)
            yield return $"batch_size must be at least 1 (got {BatchSize})";
        if (LogEvery < 1)
            yield return $"log_every must be at least 1 (got {LogEvery})";
        if (SampleEvery < 0)
            yield return $"sample_every must be 0 (off) or positive (got {SampleEvery})";
        if (EvaluateEvery < 0)
            yield return $"evaluate_every must be 0 (off) or positive (got {EvaluateEvery})";
        if (CheckpointEvery < 1)
            yield return $"checkpoint_every must be at least 1 (got {CheckpointEvery})";
        if (KeepCheckpoints < 1)
            yield return $"keep_checkpoints must be at least 1 (got {KeepCheckpoints})";
        if (Prefetch < 0)
            yield return $"prefetch must be 0 (off) or positive (got {Prefetch})";
        if (BadSamples is not ("throw" or "skip"))
            yield return $"bad_samples must be throw or skip (got '{BadSamples}')";
    }
}
