using System.Diagnostics;
using System.Text.Json.Nodes;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Vision;

namespace Dino.Repro.Training;

/// <summary>
/// The training loop shared by every experiment. A new run gets a numbered folder with its options; each step
/// runs inside its own dispose scope; losses are checked for NaN/Inf; log lines, sample grids, evaluations and
/// checkpoints come at the intervals the options set. <see cref="Resume"/> continues a run folder from its newest
/// checkpoint and, on the CPU, reproduces the uninterrupted run's losses bit for bit.
/// </summary>
public sealed class Trainer
{
    private readonly ExperimentRegistry registry;
    private readonly TrainerSettings settings;

    public Trainer(ExperimentRegistry registry, TrainerSettings? settings = null)
    {
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.settings = settings ?? new TrainerSettings();
    }

    /// <summary>Starts a new run of <paramref name="experiment"/> at <paramref name="preset"/> with key=value overrides.</summary>
    public TrainingResult Train(
        string experiment,
        Preset preset,
        IEnumerable<KeyValuePair<string, string>>? overrides = null,
        CancellationToken cancellation = default
    )
    {
        var definition = registry.Get(experiment);
        var given = (overrides ?? []).ToList();
        var options = definition.Resolve(preset, given);
        options.Device.Require(); // before the run folder: a refused device leaves nothing behind
        var run = RunFolder.CreateNext(settings.RunsRoot, definition.Name, preset);
        var manifest = new RunManifest(definition.Name, preset, given, options);
        manifest.Save(run.OptionsFile);
        settings.Progress.Message(OptionSet.Format(options, definition.Defaults, $"{definition.Name} · preset {preset.Name()} · {run.Path}"));
        try
        {
            return Run(definition, run, manifest, checkpoint: null, cancellation);
        }
        catch (UsageException) when (!HasCheckpoint(run))
        {
            // A usage error met while setting up (an unknown corpus, a missing input run) trained nothing: leave no folder.
            Directory.Delete(run.Path, recursive: true);
            throw;
        }
    }

    private static bool HasCheckpoint(RunFolder run) =>
        Directory.Exists(run.CheckpointsFolder) && Directory.EnumerateFiles(run.CheckpointsFolder).Any();

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> from its newest checkpoint (from the start when it has
    /// none). <paramref name="steps"/> moves the end of the run (options.json is updated); by default the run ends
    /// where its options said.
    /// </summary>
    public TrainingResult Resume(string runDirectory, int? steps = null, CancellationToken cancellation = default)
    {
        var run = RunFolder.Open(runDirectory);
        var manifest = RunManifest.Load(run.OptionsFile, registry);
        var definition = registry.Get(manifest.Experiment);
        manifest.Options.Device.Require();
        var moved = steps is { } total && total != manifest.Options.Steps;
        if (moved)
        {
            var options = OptionSet.Validated(manifest.Options with { Steps = steps!.Value });
            manifest = manifest with
            {
                Options = options,
                Overrides =
                [
                    .. manifest.Overrides,
                    KeyValuePair.Create("steps", steps.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ],
            };
        }
        var store = new CheckpointStore(run.CheckpointsFolder, manifest.Options.KeepCheckpoints);
        store.RemoveInterruptedWrites();
        var checkpoint = store.Latest();
        if (checkpoint is not null)
        {
            var info = Checkpoint.ReadInfo(checkpoint);
            if (info.Experiment != definition.Name)
                throw new InvalidDataException($"'{checkpoint}' was written by experiment '{info.Experiment}', not '{definition.Name}'");
            if (info.Step > manifest.Options.Steps)
                throw new UsageException($"the run is already at step {info.Step}, past the {manifest.Options.Steps} steps asked for");
        }
        if (moved)
            manifest.Save(run.OptionsFile);
        return Run(definition, run, manifest, checkpoint, cancellation);
    }

    private TrainingResult Run(
        IExperimentDefinition definition,
        RunFolder run,
        RunManifest manifest,
        string? checkpoint,
        CancellationToken cancellation
    )
    {
        var options = manifest.Options;
        var store = new CheckpointStore(run.CheckpointsFolder, options.KeepCheckpoints);
        using var experiment = definition.Create(options);
        long step = 0;
        double priorWall = 0;
        if (checkpoint is not null)
        {
            var info = Checkpoint.Load(experiment, checkpoint);
            (step, priorWall) = (info.Step, info.WallSeconds);
        }
        // What a killed session logged after its last checkpoint is replayed by this one: drop it so each step appears once.
        JsonlLog.KeepUpToStep(run.LogFile, step);
        JsonlLog.KeepUpToStep(run.MetricsFile, step);

        using var log = new JsonlLog(run.LogFile);
        using var metricsLog = new JsonlLog(run.MetricsFile);
        var progress = settings.Progress;
        var throughput = new Throughput();
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = checkpoint;
        ReportSkippedSamples(experiment, log, step, progress);
        // Made after the checkpoint set the source's position, so reading ahead starts from there.
        using var prefetch = options.Prefetch > 0 ? new PrefetchingBatches(experiment.Data, options.Prefetch) : null;
        var data = (IBatchSource?)prefetch ?? experiment.Data;
        progress.Begin(run.Name, step, options.Steps);
        try
        {
            while (step < options.Steps)
            {
                step++;
                int examples;
                var losses = new OrderedDictionary<string, double>();
                using (torch.NewDisposeScope())
                {
                    var batch = data.Next();
                    examples = batch.Size;
                    var returned = experiment.Step(batch);
                    foreach (var name in experiment.LossNames)
                    {
                        if (!returned.TryGetValue(name, out var value))
                            throw new InvalidOperationException($"step {step}: the experiment declared loss '{name}' but its Step did not return it");
                        losses[name] = value;
                    }
                }
                foreach (var (name, value) in losses)
                {
                    if (!double.IsFinite(value))
                        throw new NonFiniteLossException(step, name, value, lastCheckpoint);
                }
                throughput.StepDone(examples);

                if (Due(step, options.SampleEvery))
                    SaveSample(experiment, run, step);
                if (Due(step, options.EvaluateEvery))
                    Evaluate(experiment, metricsLog, step, progress);

                var last = step == options.Steps;
                var stopping = cancellation.IsCancellationRequested;
                string? written = null;
                var wall = priorWall + clock.Elapsed.TotalSeconds;
                if (Due(step, options.CheckpointEvery) || last || stopping)
                {
                    written = store.Write(experiment, new CheckpointInfo(definition.Name, step, wall), settings.CheckpointWriter, data.Position);
                    lastCheckpoint = written;
                }

                var report = new StepReport(
                    step,
                    options.Steps,
                    losses,
                    throughput.ExamplesPerSecond,
                    LearningRates(experiment),
                    experiment.Controller.Snapshot(),
                    wall,
                    throughput.Eta(options.Steps - step),
                    written
                );
                if (Due(step, options.LogEvery) || written is not null)
                    log.Append(LogLine(report, run));
                progress.Report(report);
                settings.OnStep?.Invoke(report);
                if (stopping)
                    break;
            }
        }
        finally
        {
            progress.End();
        }
        return new TrainingResult(run.Path, step, options.Steps, lastCheckpoint);
    }

    // Bad samples left out of the data (bad_samples=skip) are listed in log.jsonl at the step this session starts from.
    private static void ReportSkippedSamples(IExperiment experiment, JsonlLog log, long step, IProgressSink progress)
    {
        if (experiment.Data is not IReportsBadSamples { BadSamples.Count: > 0 } data)
            return;
        log.Append(new JsonObject { ["step"] = step, ["skipped_samples"] = data.BadSamples.ToJson() });
        progress.Message($"{data.BadSamples.Count} unreadable sample(s) left out of the data (bad_samples=skip): listed in {log.Path}");
    }

    private static bool Due(long step, int every) => every > 0 && step % every == 0;

    private static void SaveSample(IExperiment experiment, RunFolder run, long step)
    {
        using var scope = torch.NewDisposeScope();
        var grid = experiment.SampleGrid();
        if (grid is null)
            return;
        SampleGrids.SavePng(grid, run.SampleFile(step));
    }

    private static void Evaluate(IExperiment experiment, JsonlLog metricsLog, long step, IProgressSink progress)
    {
        IReadOnlyDictionary<string, double>? metrics;
        using (torch.NewDisposeScope())
            metrics = experiment.Evaluate();
        if (metrics is null)
            return;
        var values = new JsonObject();
        foreach (var (name, value) in metrics)
            values[name] = Finite(value);
        metricsLog.Append(new JsonObject { ["step"] = step, ["metrics"] = values });
        progress.Message($"step {step}: " + string.Join("  ", metrics.Select(kv => $"{kv.Key} {kv.Value:G5}")));
    }

    private static OrderedDictionary<string, double> LearningRates(IExperiment experiment)
    {
        var rates = new OrderedDictionary<string, double>();
        foreach (var (name, optimizer) in experiment.Optimizers)
            rates[name] = optimizer.ParamGroups.First().LearningRate;
        return rates;
    }

    /// <summary>
    /// One log.jsonl line: step, losses, images/s, learning rates, controller values, wall time, and the checkpoint if one was written.
    /// </summary>
    private static JsonObject LogLine(StepReport r, RunFolder run)
    {
        var line = new JsonObject
        {
            ["step"] = r.Step,
            ["losses"] = Object(r.Losses),
            ["images_per_s"] = r.ImagesPerSecond,
            ["lr"] = Object(r.LearningRates),
            ["controller"] = Object(r.Controller),
            ["wall_s"] = r.WallSeconds,
            ["time"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (r.Checkpoint is not null)
            line["checkpoint"] = Path.GetRelativePath(run.Path, r.Checkpoint);
        return line;
    }

    private static JsonObject Object(IReadOnlyDictionary<string, double> values)
    {
        var o = new JsonObject();
        foreach (var (name, value) in values)
            o[name] = Finite(value);
        return o;
    }

    // JSON has no NaN: a non-finite value (a metric, a controller value) is written as null.
    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
