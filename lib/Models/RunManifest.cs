using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Models;

namespace Dino.Repro.Models;

/// <summary>
/// A run's options.json: which experiment, which preset, the key=value overrides given on top of it, and the
/// resolved options (every key, so the file alone says how the run was made).
/// </summary>
public sealed record RunManifest(string Experiment, Preset Preset, IReadOnlyList<KeyValuePair<string, string>> Overrides, TrainingOptions Options)
{
    public JsonObject ToJson()
    {
        var overrides = new JsonObject();
        foreach (var (key, value) in Overrides)
            overrides[key] = value;
        return new JsonObject
        {
            ["experiment"] = Experiment,
            ["preset"] = Preset.Name(),
            ["overrides"] = overrides,
            ["options"] = OptionSet.ToJson(Options),
        };
    }

    public void Save(string path) =>
        AtomicFile.WriteAllText(path, ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>Reads options.json, typing the options by the experiment the registry knows under that name.</summary>
    public static RunManifest Load(string path, ExperimentRegistry registry)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException("it is JSON null");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}' is not a run's options.json: {e.Message}", e);
        }
        var name = (string?)json["experiment"] ?? throw new InvalidDataException($"'{path}' names no experiment");
        var definition = registry.Get(name);
        var overrides = (json["overrides"]?.AsObject() ?? new JsonObject()).Select(kv => KeyValuePair.Create(kv.Key, (string)kv.Value!)).ToList();
        var options = definition.ReadOptions(json["options"] ?? throw new InvalidDataException($"'{path}' holds no options"));
        var presetName = (string?)json["preset"];
        if (!Presets.TryParse(presetName, out var preset))
            throw new InvalidDataException($"'{path}' names the preset '{presetName}', not one of {string.Join(", ", Presets.Names)}");
        return new RunManifest(name, preset, overrides, options);
    }
}
