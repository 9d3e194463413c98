using System.Text.Json.Nodes;
using Dino.Repro.IO;

namespace Dino.Repro.Models;

/// <summary>
/// An experiment's registration: a preset is a named function from the defaults to overridden options
/// (<c>o => o with { Steps = 200 }</c>), so presets stay typed and the printed options show what each changed.
/// Every experiment declares the kit's three presets: smoke, cpu and paper.
/// </summary>
public sealed class ExperimentDefinition<TOptions> : IExperimentDefinition
    where TOptions : TrainingOptions, new()
{
    private readonly IReadOnlyDictionary<Preset, Func<TOptions, TOptions>> presets;
    private readonly Func<TOptions, IExperiment> create;

    public ExperimentDefinition(
        string name,
        string description,
        IReadOnlyDictionary<Preset, Func<TOptions, TOptions>> presets,
        Func<TOptions, IExperiment> create,
        ITestEvaluation? evaluation = null
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(presets);
        var missing = IO.Presets.All.Where(p => !presets.ContainsKey(p)).Select(p => p.Name()).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"experiment '{name}' lacks the preset(s) {string.Join(", ", missing)}", nameof(presets));
        Name = name;
        Description = description;
        this.presets = IO.Presets.All.ToDictionary(p => p, p => presets[p]);
        this.create = create ?? throw new ArgumentNullException(nameof(create));
        Evaluation = evaluation;
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<Preset> Presets => IO.Presets.All;
    public TrainingOptions Defaults => new TOptions();
    public ITestEvaluation? Evaluation { get; }

    /// <summary>The same experiment, scored on its test split by <paramref name="evaluation"/>.</summary>
    public ExperimentDefinition<TOptions> WithEvaluation(ITestEvaluation evaluation) =>
        new(Name, Description, presets, create, evaluation ?? throw new ArgumentNullException(nameof(evaluation)));

    public TrainingOptions Resolve(Preset preset, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        var options = OptionSet.WithOverrides(presets[preset](new TOptions()), overrides ?? []);
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
