using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// A TorchScript evaluator loaded onto a device — the one way every network that scores (feature extractors,
/// segmenters, LPIPS) gets its module: the file from the evaluators folder (a <see cref="MissingEvaluatorException"/>
/// naming the script that makes it when absent), loaded with the kit's errors, disposed with its owner.
/// </summary>
public abstract class EvaluatorNetwork : IDisposable
{
    protected EvaluatorNetwork(Evaluator evaluator, string? folder, Device? device)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        Path = evaluator.RequirePath(folder);
        Device = device ?? torch.CPU;
        Module = ScriptFiles.Load(Path, Device);
    }

    /// <summary>The TorchScript file it runs (part of cache keys and of every message about its outputs).</summary>
    public string Path { get; }

    /// <summary>Where it runs; inputs are moved here and outputs come back to the CPU.</summary>
    protected Device Device { get; }

    protected jit.ScriptModule Module { get; }

    public void Dispose()
    {
        Module.Dispose();
        GC.SuppressFinalize(this);
    }
}
