using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Training;

/// <summary>Options of <see cref="BalanceTestExperiment"/>.</summary>
public sealed record BalanceTestOptions : TrainingOptions
{
    /// <summary>The step whose loss is made NaN (0 = never). Default 0.</summary>
    public int NanAtStep { get; init; }

    /// <summary>The controller's gain. Default 0.1.</summary>
    public double Gain { get; init; } = 0.1;
}

/// <summary>
/// A test experiment with what toy-gan lacks: a controller value (a BEGAN-style balance term k that weights the
/// loss and follows it), SGD with momentum, a StepLR, and an optional NaN at a chosen step. It fits y = 2x − 1
/// from noisy samples drawn with torch's default generator and its own.
/// </summary>
public sealed class BalanceTestExperiment : Experiment<BalanceTestOptions>
{
    public static ExperimentDefinition<BalanceTestOptions> Definition { get; } =
        new(
            "balance-test",
            "a linear fit with a controller value, for the loop's tests",
            new Dictionary<Preset, Func<BalanceTestOptions, BalanceTestOptions>>
            {
                [Preset.Smoke] = o => o with { Steps = 40, BatchSize = 8, LogEvery = 1, SampleEvery = 0, CheckpointEvery = 10 },
                [Preset.Cpu] = o => o with { Steps = 400, BatchSize = 16 },
                [Preset.Paper] = o => o,
            },
            options => new BalanceTestExperiment(options)
        );

    private readonly Linear model;
    private readonly optim.Optimizer optimizer;
    private readonly Generator jitter;
    private readonly ShuffledBatches data;

    public BalanceTestExperiment(BalanceTestOptions options)
        : base(options)
    {
        model = AddNetwork("fit", nn.Linear(1, 1));
        optimizer = AddOptimizer("fit", optim.SGD(model.parameters(), 0.05, momentum: 0.9));
        AddScheduler("fit", new ResumableLambdaLR(optimizer, epoch => Math.Pow(0.9, epoch / 7))); // StepLR(7, 0.9) in closed form
        jitter = AddGenerator("jitter", new Generator((ulong)(options.Seed + 10)));
        Controller.Declare("k", 0.0);
        using var scope = NewDisposeScope(); // frees the intermediates; the batch source keeps x and y
        var x = linspace(-1, 1, 64).reshape(64, 1);
        data = new ShuffledBatches(
            new Dictionary<string, Tensor> { ["x"] = x, ["y"] = x * Scalars.Of(2) - Scalars.Of(1) },
            options.BatchSize,
            options.Seed
        );
    }

    public override IReadOnlyList<string> LossNames { get; } = new[] { "fit", "weighted" };
    public override IBatchSource Data => data;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var step = Schedulers["fit"].LastEpoch + 1; // checkpointed with the scheduler, so it survives a resume
        var x = batch["x"] + randn(batch["x"].shape) * Scalars.Of(0.01);
        var y = batch["y"] + randn(batch["y"].shape, generator: jitter) * Scalars.Of(0.01);
        var fit = nn.functional.mse_loss(model.call(x), y);
        var weighted = fit * (Scalars.Of(1 + Controller["k"]));
        if (step == Options.NanAtStep)
            weighted = weighted * Scalars.Of(double.NaN);
        optimizer.zero_grad();
        weighted.backward();
        optimizer.step();
        Schedulers["fit"].step();
        var value = fit.ToDouble();
        Controller["k"] = Math.Clamp(Controller["k"] + Options.Gain * (value - 0.5 * Controller["k"]), 0, 1);
        return new Dictionary<string, double> { ["fit"] = value, ["weighted"] = weighted.ToDouble() };
    }
}
