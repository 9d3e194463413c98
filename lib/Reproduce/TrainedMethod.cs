using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Torch;
using Dino.Repro.Training;

namespace Dino.Repro.Reproduce;

/// <summary>
/// A translator trained by the kit's loop (a numbered run folder, checkpoints, log.jsonl) and reloaded from its
/// last checkpoint, with every step's losses and controller values kept for the curves.
/// </summary>
public sealed class TrainedMethod : IDisposable
{
    private readonly IExperiment experiment;

    private TrainedMethod(string method, IExperiment experiment, string runDirectory, IReadOnlyList<StepReport> history)
    {
        Method = method;
        this.experiment = experiment;
        RunDirectory = runDirectory;
        History = history;
    }

    /// <summary>The row name in the table.</summary>
    public string Method { get; }
    public string RunDirectory { get; }
    public IReadOnlyList<StepReport> History { get; }

    /// <summary>Trains <paramref name="experimentName"/> at <paramref name="preset"/> and reloads the result.</summary>
    public static TrainedMethod Train(string method, string experimentName, string preset, IReadOnlyList<KeyValuePair<string, string>> overrides,
        string runsRoot, IProgressSink progress, ExperimentRegistry? registry = null)
    {
        registry ??= ExperimentRegistry.Default;
        var history = new List<StepReport>();
        var trainer = new Trainer(registry, new TrainerSettings { RunsRoot = runsRoot, Progress = progress, OnStep = history.Add });
        var result = trainer.Train(experimentName, preset, overrides);
        var definition = registry.Get(experimentName);
        var options = definition.Resolve(preset, overrides);
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
        return new TrainedMethod(method, experiment, result.RunDirectory, history);
    }

    /// <summary>
    /// Translations [N, 3, H, W] in [−1, 1] of <paramref name="conditions"/>. DINO draws its noise from a private
    /// generator (the same z for every method run); pix2pix runs in eval mode (no dropout, running batch statistics),
    /// as its sample grids do.
    /// </summary>
    public Tensor Translate(Tensor conditions) => Translate(experiment, conditions);

    /// <summary>Translations by any trained DINO or pix2pix experiment (e.g. one reloaded by <c>dino evaluate</c>), as above.</summary>
    public static Tensor Translate(IExperiment experiment, Tensor conditions)
    {
        using var _ = torch.no_grad();
        switch (experiment)
        {
            case DinoExperiment dino:
            {
                using var noise = new Generator(dino.Options.Seed + 3);
                using var z = dino.Options.NoiseSize > 0 ? dino.SampleNoise(conditions.size(0), noise) : null;
                return dino.Forward.call(conditions, z);
            }
            case Pix2PixExperiment pix2pix:
                pix2pix.Generator.eval();
                try
                {
                    return pix2pix.Generator.call(conditions);
                }
                finally
                {
                    pix2pix.Generator.train();
                }
            default:
                throw new NotSupportedException($"no translator for {experiment.GetType().Name}");
        }
    }

    /// <summary>A loss or controller value at every step (NaN where a step lacks it).</summary>
    public double[] Series(string name) => History
        .Select(r => r.Losses.TryGetValue(name, out var v) ? v : r.Controller.TryGetValue(name, out var c) ? c : double.NaN).ToArray();

    public void Dispose() => experiment.Dispose();
}
