namespace Dino.Repro.Training;

/// <summary>How the loop runs, as opposed to what it trains (that is the experiment's options).</summary>
public sealed class TrainerSettings
{
    /// <summary>The folder that holds the numbered run folders. Default "runs" (relative to the working directory).</summary>
    public string RunsRoot { get; init; } = "runs";

    /// <summary>Where progress goes. Default: nowhere (the CLI passes <see cref="ProgressSinks.ForConsole"/>).</summary>
    public IProgressSink Progress { get; init; } = ProgressSinks.None;

    /// <summary>Called after every step (tests watch memory with it; notebooks plot with it). Default none.</summary>
    public Action<StepReport>? OnStep { get; init; }

    /// <summary>The checkpoint serializer. Default <see cref="Checkpoint.SafeTensorsWriter"/>; tests inject failures here.</summary>
    public TensorFileWriter? CheckpointWriter { get; init; }
}
