namespace Dino.Repro.Models;

/// <summary>
/// Named scalars an experiment updates from step to step outside any optimiser — DINO's balance term k, a
/// BEGAN-style equilibrium, an adaptive augmentation probability. The names are fixed when the experiment is
/// built; the loop logs them with every step and checkpoints them exactly.
/// </summary>
public sealed class ControllerState
{
    private readonly OrderedDictionary<string, double> values = new();

    /// <summary>Declares a value and its starting point.</summary>
    public ControllerState Declare(string name, double initial)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!values.TryAdd(name, initial))
            throw new ArgumentException($"controller value '{name}' is declared twice", nameof(name));
        return this;
    }

    public double this[string name]
    {
        get => values.TryGetValue(name, out var v) ? v : throw Unknown(name);
        set
        {
            if (!values.ContainsKey(name))
                throw Unknown(name);
            values[name] = value;
        }
    }

    public IReadOnlyList<string> Names => values.Keys.ToList();

    public IReadOnlyDictionary<string, double> Snapshot() => new OrderedDictionary<string, double>(values);

    private KeyNotFoundException Unknown(string name) =>
        new($"controller value '{name}' is not declared (declared: {(values.Count == 0 ? "none" : string.Join(", ", values.Keys))})");
}
