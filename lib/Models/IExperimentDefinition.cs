using System.Text.Json.Nodes;
using Dino.Repro.IO;

namespace Dino.Repro.Models;

/// <summary>
/// A registered experiment: its name, what it reproduces, its options type with defaults and presets, and the
/// factory that builds it. The registry stores these; the trainer and the CLI use only this contract.
/// </summary>
public interface IExperimentDefinition
{
    /// <summary>The name the registry and the CLI use ("toy-gan").</summary>
    string Name { get; }

    /// <summary>One line for <c>dino list</c>.</summary>
    string Description { get; }

    /// <summary>Its presets: every experiment declares all three (smoke, cpu, paper).</summary>
    IReadOnlyList<Preset> Presets { get; }

    /// <summary>The options record with every default.</summary>
    TrainingOptions Defaults { get; }

    /// <summary>The defaults with a preset's overrides, then the caller's key=value overrides, validated.</summary>
    TrainingOptions Resolve(Preset preset, IEnumerable<KeyValuePair<string, string>>? overrides = null);

    /// <summary>Options of this experiment's type read back from options.json.</summary>
    TrainingOptions ReadOptions(JsonNode json);

    /// <summary>Seeds torch's default generator with the options' seed, then builds the experiment.</summary>
    IExperiment Create(TrainingOptions options);

    /// <summary>How a trained run is scored on the test split (<c>dino evaluate</c>); null when the experiment declares none.</summary>
    ITestEvaluation? Evaluation { get; }
}
