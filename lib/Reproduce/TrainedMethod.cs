using Dino.Repro.Models.BicycleGan;
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
    // Test images go through the network this many at a time: a whole real test split (500 at 256²) would not fit.
    private const int TranslateChunk = 16;
    private readonly IExperiment experiment;
    private readonly TrainingOptions options;

    private TrainedMethod(string method, IExperiment experiment, TrainingOptions options, string runDirectory, IReadOnlyList<StepReport> history)
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
        return new TrainedMethod(method, experiment, options, result.RunDirectory, history);
    }

    /// <summary>
    /// Translations [N, 3, H, W] in [−1, 1] (on the CPU) of <paramref name="conditions"/>. The noise of DINO (both
    /// kinds) and BicycleGAN comes from a private generator, so every method sees the same draws run after run;
    /// bidirectional DINO translates with its primary stream, as the reference tests. pix2pix and BicycleGAN run in
    /// eval mode (no dropout, running batch statistics), as their sample grids do.
    /// </summary>
    public Tensor Translate(Tensor conditions) => Translate(experiment, options, conditions);

    /// <summary>Translations by any trained image-to-image experiment (e.g. one reloaded by <c>dino evaluate</c>), as above.</summary>
    public static Tensor Translate(IExperiment experiment, TrainingOptions options, Tensor conditions)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(conditions);
        using var _ = torch.no_grad();
        var device = Device.Parse(options.Device);
        using var noise = new Generator(options.Seed + 3);
        var chunks = new List<Tensor>();
        try
        {
            for (long start = 0; start < conditions.size(0); start += TranslateChunk)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = conditions.narrow(0, start, Math.Min(TranslateChunk, conditions.size(0) - start)).to(device);
                chunks.Add(TranslateChunkOf(experiment, chunk, noise).to(Device.CPU).MoveToOuterDisposeScope());
            }
            return torch.cat(chunks.ToArray(), 0);
        }
        finally
        {
            foreach (var chunk in chunks) chunk.Dispose();
        }
    }

    private static Tensor TranslateChunkOf(IExperiment experiment, Tensor conditions, Generator noise)
    {
        var n = conditions.size(0);
        switch (experiment)
        {
            case DinoExperiment dino:
                return dino.Forward.call(conditions, dino.Options.NoiseSize > 0 ? dino.SampleNoise(n, noise) : null);
            case BidirectionalDinoExperiment dual:
                return dual.Forward.call(conditions, dual.SampleNoise(n, noise));
            case Pix2PixExperiment pix2pix:
                return InEvalMode(pix2pix.Generator, () => pix2pix.Generator.call(conditions));
            case BicycleGanExperiment bicycle:
                return InEvalMode(bicycle.Generator, () => bicycle.Generator.call(conditions, bicycle.SampleZ(n, noise)));
            default:
                throw new NotSupportedException($"no translator for {experiment.GetType().Name}");
        }
    }

    private static Tensor InEvalMode(Dino.Repro.Torch.Modules.Module network, Func<Tensor> translate)
    {
        network.eval();
        try
        {
            return translate();
        }
        finally
        {
            network.train();
        }
    }

    /// <summary>A loss or controller value at every step (NaN where a step lacks it).</summary>
    public double[] Series(string name) => History
        .Select(r => r.Losses.TryGetValue(name, out var v) ? v : r.Controller.TryGetValue(name, out var c) ? c : double.NaN).ToArray();

    public void Dispose() => experiment.Dispose();
}
