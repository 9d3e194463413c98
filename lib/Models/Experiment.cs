using Dino.Repro.Data.Loading;
using TorchSharp.Modules;

namespace Dino.Repro.Models;

/// <summary>
/// A convenient base for experiments: constructors register their networks, optimisers, schedulers, generators
/// and controller values with the Add… helpers, and <see cref="Dispose"/> frees them all.
/// </summary>
public abstract class Experiment<TOptions> : IExperiment
    where TOptions : TrainingOptions
{
    private readonly OrderedDictionary<string, nn.Module> networks = new();
    private readonly OrderedDictionary<string, optim.Optimizer> optimizers = new();
    private readonly OrderedDictionary<string, ResumableLambdaLR> schedulers = new();
    private readonly OrderedDictionary<string, Generator> generators = new();
    private bool disposed;

    protected Experiment(TOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    public TOptions Options { get; }

    public IReadOnlyDictionary<string, nn.Module> Networks => networks;
    public IReadOnlyDictionary<string, optim.Optimizer> Optimizers => optimizers;
    public IReadOnlyDictionary<string, ResumableLambdaLR> Schedulers => schedulers;
    public IReadOnlyDictionary<string, Generator> Generators => generators;
    public ControllerState Controller { get; } = new();
    public abstract IReadOnlyList<string> LossNames { get; }
    public abstract IBatchSource Data { get; }

    public abstract IReadOnlyDictionary<string, double> Step(Batch batch);

    public virtual Tensor? SampleGrid() => null;

    public virtual IReadOnlyDictionary<string, double>? Evaluate() => null;

    /// <summary>The options' device, checked (<see cref="ComputeDevice.Require"/>) so a constructor fails before any work.</summary>
    protected Device TargetDevice => Options.Device.Require();

    protected T AddNetwork<T>(string name, T network)
        where T : nn.Module => Add(networks, name, network);

    protected T AddOptimizer<T>(string name, T optimizer)
        where T : optim.Optimizer => Add(optimizers, name, optimizer);

    protected ResumableLambdaLR AddScheduler(string name, ResumableLambdaLR scheduler) => Add(schedulers, name, scheduler);

    protected Generator AddGenerator(string name, Generator generator) => Add(generators, name, generator);

    /// <summary>
    /// The GAN default for one network: Adam plus pix2pix's "linear" policy (the rate held for the first
    /// <paramref name="constantFraction"/> of <paramref name="steps"/>, then decayed linearly), both under <paramref name="name"/>.
    /// </summary>
    protected optim.Optimizer AddAdamWithLinearDecay(
        string name,
        IEnumerable<Parameter> parameters,
        double lr,
        (double, double) betas,
        int steps,
        double constantFraction
    )
    {
        var optimizer = AddOptimizer(name, torch.optim.Adam(parameters, lr: lr, beta1: betas.Item1, beta2: betas.Item2));
        var constant = (int)Math.Round(steps * constantFraction);
        AddScheduler(name, new ResumableLambdaLR(optimizer, ResumableLambdaLR.LinearDecay(constant, steps - constant)));
        return optimizer;
    }

    private static T Add<TBase, T>(OrderedDictionary<string, TBase> into, string name, T item)
        where T : TBase
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
            throw new ArgumentException($"'{name}': names in a checkpoint cannot contain '.'", nameof(name));
        if (!into.TryAdd(name, item))
            throw new ArgumentException($"'{name}' is registered twice", nameof(name));
        return item;
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        Dispose(true);
        foreach (var o in optimizers.Values)
            o.Dispose();
        foreach (var n in networks.Values)
            n.Dispose();
        foreach (var g in generators.Values)
            g.Dispose();
        if (Data is IDisposable data)
            data.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees what the subclass holds beyond the registered state (fixed noise, datasets...).</summary>
    protected virtual void Dispose(bool disposing) { }
}
