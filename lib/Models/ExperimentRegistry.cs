using Dino.Repro.App;
using Dino.Repro.IO;

namespace Dino.Repro.Models;

/// <summary>
/// Experiments by name (pix2pix's <c>--model</c> lookup). The kit's own are registered a layer up
/// (App.BuiltInExperiments.Registry); tests and notebooks can build their own registry with extra ones.
/// </summary>
public sealed class ExperimentRegistry
{
    private readonly SortedDictionary<string, IExperimentDefinition> byName = new(StringComparer.Ordinal);

    public ExperimentRegistry Register(IExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!byName.TryAdd(definition.Name, definition))
            throw new ArgumentException($"an experiment named '{definition.Name}' is already registered", nameof(definition));
        return this;
    }

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Names => byName.Keys.ToList();

    public IEnumerable<IExperimentDefinition> All => byName.Values;

    /// <summary>The experiment called <paramref name="name"/>; a <see cref="UsageException"/> listing the valid names otherwise.</summary>
    public IExperimentDefinition Get(string name) =>
        byName.TryGetValue(name, out var definition) ? definition : throw UsageException.UnknownName("experiment", name, byName.Keys);
}
