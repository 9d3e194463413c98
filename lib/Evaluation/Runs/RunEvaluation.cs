using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.Evaluation.Runs;

/// <summary>What <see cref="RunEvaluation.Evaluate"/> measured, as written to the run's eval.json.</summary>
public sealed record EvaluationResult(
    string RunDirectory,
    string Experiment,
    string Checkpoint,
    long Step,
    int Examples,
    IReadOnlyList<string> Metrics,
    IReadOnlyDictionary<string, double?> Scores,
    string File
);

/// <summary>
/// <c>dino evaluate RUN</c>: rebuilds a run's experiment from its options.json, restores its newest checkpoint and
/// scores it on the test split with the evaluation its definition declares, writing <c>RUN/eval.json</c> atomically.
/// </summary>
public static class RunEvaluation
{
    public const string FileName = "eval.json";

    public static EvaluationResult Evaluate(string runDirectory, ExperimentRegistry registry, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var run = RunFolder.Open(runDirectory);
        var manifest = RunManifest.Load(run.OptionsFile, registry);
        var definition = registry.Get(manifest.Experiment);
        var evaluation = definition.Evaluation
            ?? throw new UsageException(
                $"experiment '{definition.Name}' declares no test evaluation (experiments with one: "
                    + $"{string.Join(", ", registry.All.Where(d => d.Evaluation is not null).Select(d => d.Name))})"
            );
        var checkpoint = new CheckpointStore(run.CheckpointsFolder, manifest.Options.KeepCheckpoints).Latest()
            ?? throw new UsageException($"'{run.Path}' has no checkpoint to evaluate yet (continue it with: dino train --resume {run.Path})");

        using var experiment = definition.Create(manifest.Options);
        var info = Checkpoint.Load(experiment, checkpoint);
        var (scores, examples) = evaluation.Evaluate(experiment, manifest, progress ?? (_ => { }));
        var missing = evaluation.Metrics.Where(m => !scores.ContainsKey(m)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"the evaluation of '{definition.Name}' returned no {string.Join(", ", missing)}");

        var result = new EvaluationResult(
            run.Path,
            definition.Name,
            checkpoint,
            info.Step,
            examples,
            evaluation.Metrics,
            scores,
            Path.Combine(run.Path, FileName)
        );
        AtomicFile.WriteAllText(result.File, ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return result;
    }

    /// <summary>
    /// {"experiment", "checkpoint" (relative to the run), "step", "split": "test", "examples", "metrics": {name: value or null}, "time"}.
    /// </summary>
    public static JsonObject ToJson(EvaluationResult result)
    {
        var metrics = new JsonObject();
        foreach (var name in result.Metrics)
            metrics[name] = result.Scores[name] is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
        return new JsonObject
        {
            ["experiment"] = result.Experiment,
            ["checkpoint"] = Path.GetRelativePath(result.RunDirectory, result.Checkpoint),
            ["step"] = result.Step,
            ["split"] = "test",
            ["examples"] = result.Examples,
            ["metrics"] = metrics,
            ["time"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
    }
}
