using System.Text.Json.Nodes;
using Dino.Repro.IO;

namespace Dino.Repro.Models;

/// <summary>
/// An experiment's registration: a preset is a named function from the defaults to overridden options
/// (<c>o => o with { Steps = 200 }</c>), so presets stay typed and the printed options show what each changed.
/// Every experiment declares the kit's three presets: smoke, cpu and paper.
/// </summary>
public sealed class ExperimentDefinition<TOptions> : IExperimentDefinition where TOptions : TrainingOptions, new()
{
    public static readonly IReadOnlyList<string> RequiredPresets = new[] { "smoke", "cpu", "paper" };

    private readonly OrderedDictionary<string, Func<TOptions, TOptions>> presets;
    private readonly Func<TOptions, IExperiment> create;

    public ExperimentDefinition(string name, string description, IReadOnlyDictionary<string, Func<TOptions, TOptions>> presets,
        Func<TOptions, IExperiment> create, ITestEvaluation? evaluation = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(presets);
        var missing = RequiredPresets.Where(p => !presets.ContainsKey(p)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"experiment '{name}' lacks the preset(s) {string.Join(", ", missing)}", nameof(presets));
        Name = name;
        Description = description;
        this.presets = new OrderedDictionary<string, Func<TOptions, TOptions>>();
        foreach (var p in RequiredPresets.Concat(presets.Keys.Except(RequiredPresets))) this.presets[p] = presets[p];
        this.create = create ?? throw new ArgumentNullException(nameof(create));
        Evaluation = evaluation;
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<string> Presets => presets.Keys.ToList();
    public TrainingOptions Defaults => new TOptions();
    public ITestEvaluation? Evaluation { get; }

    /// <summary>The same experiment, scored on its test split by <paramref name="evaluation"/>.</summary>
    public ExperimentDefinition<TOptions> WithEvaluation(ITestEvaluation evaluation) =>
        new(Name, Description, presets, create, evaluation ?? throw new ArgumentNullException(nameof(evaluation)));

    public TrainingOptions Resolve(string preset, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        if (!presets.TryGetValue(preset, out var apply)) throw new UsageException($"unknown preset '{preset}' for {Name} (valid: {string.Join(", ", presets.Keys)})");
        var options = OptionSet.WithOverrides(apply(new TOptions()), overrides ?? []);
        return OptionSet.Validated(options);
    }

    public TrainingOptions ReadOptions(JsonNode json) => OptionSet.FromJson(typeof(TOptions), json);

    public IExperiment Create(TrainingOptions options)
    {
        if (options is not TOptions typed)
            throw new ArgumentException($"experiment '{Name}' takes {typeof(TOptions).Name}, not {options.GetType().Name}", nameof(options));
        OptionSet.Validated(typed);
        torch.manual_seed(typed.Seed);
        return create(typed);
    }
}
