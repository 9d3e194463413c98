using Dino.Repro.Training;

namespace Dino.Repro.Models;

/// <summary>
/// How an experiment is scored on its test split after training (<c>dino evaluate RUN</c>): an experiment declares
/// one through its definition (<see cref="ExperimentDefinition{TOptions}.WithEvaluation"/>).
/// </summary>
public interface ITestEvaluation
{
    /// <summary>The metric names <see cref="Evaluate"/> returns, in display order.</summary>
    IReadOnlyList<string> Metrics { get; }

    /// <summary>
    /// Scores <paramref name="trained"/> (restored from a checkpoint of the run <paramref name="run"/> describes) on its
    /// test split; a metric that does not apply is null. <paramref name="progress"/> takes messages on long steps.
    /// Returns the scores and how many test examples they cover.
    /// </summary>
    (IReadOnlyDictionary<string, double?> scores, int examples) Evaluate(IExperiment trained, RunManifest run, Action<string> progress);
}
