using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// A translator trained by the kit's loop (a numbered run folder, checkpoints, log.jsonl) and reloaded from its
/// last checkpoint, with its logged losses and controller values for the curves. Running the same table again continues
/// each method's run with the same options (finished: reused; killed: resumed from its newest checkpoint) instead of
/// starting over, so a paper-preset reproduction that stopped after days loses at most one checkpoint interval. Runs of
/// other tables count too (<c>sharedRunsRoots</c>): Table 4's first row is Table 1's DINO with the same options, so a
/// Table 4 after a Table 1 in the same output folder reuses that run rather than training it again.
/// </summary>
public sealed class TrainedMethod : IDisposable
{
    private readonly IExperiment experiment;
    private readonly TrainingOptions options;

    private TrainedMethod(string method, IExperiment experiment, TrainingOptions options, string runDirectory, IReadOnlyList<LoggedStep> history)
    {
        Method = method;
        this.experiment = experiment;
        this.options = options;
        RunDirectory = runDirectory;
        History = history;
    }

    /// <summary>The row name in the table.</summary>
    public string Method { get; }
    public string RunDirectory { get; }

    /// <summary>The options the run trained with.</summary>
    public TrainingOptions Options => options;

    /// <summary>Every logged step of the run (log_every apart), across the sessions that trained it.</summary>
    public IReadOnlyList<LoggedStep> History { get; }

    /// <summary>
    /// Trains <paramref name="experimentName"/> at <paramref name="preset"/> in <paramref name="runsRoot"/>, or continues its
    /// earlier run with the same options — looked for in <paramref name="runsRoot"/>, then in <paramref name="sharedRunsRoots"/>
    /// — and reloads the result. A <paramref name="stop"/> during training ends it at a checkpoint with
    /// <see cref="ReproductionStoppedException"/>.
    /// </summary>
    public static TrainedMethod Train(
        string method,
        string experimentName,
        Preset preset,
        IReadOnlyList<KeyValuePair<string, string>> overrides,
        string runsRoot,
        IProgressSink progress,
        ExperimentRegistry? registry = null,
        IReadOnlyList<string>? sharedRunsRoots = null,
        CancellationToken stop = default
    )
    {
        registry ??= BuiltInExperiments.Registry;
        var trainer = new Trainer(registry, new TrainerSettings { RunsRoot = runsRoot, Progress = progress });
        var definition = registry.Get(experimentName);
        var options = definition.Resolve(preset, overrides);
        TrainingResult result;
        var earlier = new[] { runsRoot }
            .Concat(sharedRunsRoots ?? [])
            .Select(root => RunFolder.LatestWithOptions(root, definition.Name, preset, options, registry))
            .FirstOrDefault(run => run is not null);
        if (earlier is not null)
        {
            progress.Message($"{method}: continuing {earlier.Path} (same options; delete it to train afresh)");
            result = trainer.Resume(earlier.Path, cancellation: stop);
        }
        else
        {
            result = trainer.Train(experimentName, preset, overrides, stop);
        }
        if (!result.Completed)
            throw new ReproductionStoppedException(method, result.RunDirectory, result.Step, result.TotalSteps);
        var history = LoggedStep.Read(RunFolder.Open(result.RunDirectory).LogFile);
        var experiment = definition.Create(options);
        try
        {
            Checkpoint.Load(experiment, result.LastCheckpoint ?? throw new InvalidOperationException($"{experimentName} wrote no checkpoint"));
        }
        catch
        {
            experiment.Dispose();
            throw;
        }
        return new TrainedMethod(method, experiment, options, result.RunDirectory, history);
    }

    /// <summary>The trained experiment, its newest checkpoint loaded (owned by this object).</summary>
    public IExperiment Experiment => experiment;

    /// <summary>Every loss the run logged against the step.</summary>
    public LinePlot LossPlot()
    {
        var steps = History.Select(r => (double)r.Step).ToArray();
        var plot = new LinePlot($"{Method} training losses", "step", "loss");
        foreach (var name in History.SelectMany(r => r.Losses.Keys).Distinct())
            plot.Add(name, steps, Series(name));
        return plot;
    }

    /// <summary>A translator of test conditions by this method (<see cref="Reproduce.Translator"/>).</summary>
    public Translator Translator(BaselineTestMode baselines = BaselineTestMode.Eval) => new(experiment, options, baselines);

    /// <summary>Whether the test mode changes this method's translations (pix2pix and BicycleGAN: dropout, batch norm).</summary>
    public bool HasBaselineTestModes => Evaluation.ImageToImage.Translator.HasBaselineTestModes(experiment);

    /// <summary>A loss or controller value at every step (NaN where a step lacks it).</summary>
    public double[] Series(string name) =>
        History
            .Select(r =>
                r.Losses.TryGetValue(name, out var v) ? v
                : r.Controller.TryGetValue(name, out var c) ? c
                : double.NaN
            )
            .ToArray();

    public void Dispose() => experiment.Dispose();
}
