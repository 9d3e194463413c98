namespace Dino.Repro.Training;

/// <summary>What the loop knows after a step: progress sinks show it, callbacks (tests, notebooks) observe it.</summary>
/// <param name="Step">Steps completed, 1-based.</param>
/// <param name="TotalSteps">Steps the run will make.</param>
/// <param name="Losses">The experiment's losses at this step, in its declared order.</param>
/// <param name="ImagesPerSecond">Examples per second over the recent steps.</param>
/// <param name="LearningRates">Each optimiser's first-group learning rate.</param>
/// <param name="Controller">The experiment's controller values.</param>
/// <param name="WallSeconds">Training time so far, summed over resumed sessions.</param>
/// <param name="Eta">Estimated time to the last step (null until a rate is known).</param>
/// <param name="Checkpoint">The checkpoint written at this step, if any.</param>
public sealed record StepReport(
    long Step,
    long TotalSteps,
    IReadOnlyDictionary<string, double> Losses,
    double ImagesPerSecond,
    IReadOnlyDictionary<string, double> LearningRates,
    IReadOnlyDictionary<string, double> Controller,
    double WallSeconds,
    TimeSpan? Eta,
    string? Checkpoint
);
