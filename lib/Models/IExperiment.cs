using Dino.Repro.Data.Loading;
using TorchSharp.Modules;

namespace Dino.Repro.Models;

/// <summary>
/// What the training loop needs from an experiment (pix2pix's BaseModel contract): the state it declares drives
/// checkpoints and logs generically, and <see cref="Step"/> runs one optimisation step. Build one through its
/// <see cref="IExperimentDefinition"/>, which seeds the default generator first.
/// </summary>
public interface IExperiment : IDisposable
{
    /// <summary>Every network whose state_dict a checkpoint holds, by name ("G", "D", ...).</summary>
    IReadOnlyDictionary<string, nn.Module> Networks { get; }

    /// <summary>Every optimiser, by name; the log shows each one's first-group learning rate.</summary>
    IReadOnlyDictionary<string, optim.Optimizer> Optimizers { get; }

    /// <summary>Learning-rate schedulers, by name; the experiment steps them itself, the loop only saves their epoch.</summary>
    IReadOnlyDictionary<string, ResumableLambdaLR> Schedulers { get; }

    /// <summary>Random generators the experiment owns besides torch's default one (which the loop always saves).</summary>
    IReadOnlyDictionary<string, Generator> Generators { get; }

    /// <summary>Scalars carried from step to step outside optimisers (e.g. DINO's balance term k).</summary>
    ControllerState Controller { get; }

    /// <summary>The names of the losses <see cref="Step"/> returns, in display order.</summary>
    IReadOnlyList<string> LossNames { get; }

    /// <summary>Where the batches come from; its position is checkpointed.</summary>
    IBatchSource Data { get; }

    /// <summary>
    /// One optimisation step on <paramref name="batch"/>, run inside the loop's dispose scope (every tensor made
    /// here is freed when it returns). Returns each of <see cref="LossNames"/> as a number.
    /// </summary>
    IReadOnlyDictionary<string, double> Step(Batch batch);

    /// <summary>An image grid [C, H, W] in [-1, 1] showing the current model, or null when there is nothing to show.
    /// Must not consume torch's default generator (samples would change the training run).</summary>
    Tensor? SampleGrid();

    /// <summary>Named metrics of the current model, or null when the experiment has no evaluation. Same rule on randomness.</summary>
    IReadOnlyDictionary<string, double>? Evaluate();
}
