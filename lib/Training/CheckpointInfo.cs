namespace Dino.Repro.Training;

/// <summary>What a checkpoint records about the run beyond the experiment's own state.</summary>
/// <param name="Experiment">The registered name of the experiment that wrote it.</param>
/// <param name="Step">Optimisation steps completed when it was written.</param>
/// <param name="WallSeconds">Training wall time up to that step, summed over resumed sessions.</param>
public sealed record CheckpointInfo(string Experiment, long Step, double WallSeconds);
