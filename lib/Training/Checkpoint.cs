using Dino.Repro.IO;
using Dino.Repro.Torch;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Torch.Optim;
using Dino.Repro.Torch.Optim.LRSchedulers;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Training;

/// <summary>Writes tensors plus string metadata to a path (the checkpoint's serializer; tests substitute failing ones).</summary>
public delegate void TensorFileWriter(IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata, string path);

/// <summary>
/// One file holding everything a run needs to continue bit-identically: networks, optimisers, schedulers,
/// controller values, torch's default generators (CPU, and each CUDA device's when CUDA is present) and the experiment's
/// own, the data position and the step. It is a
/// safetensors file (tensors by dotted name: <c>networks.G.0.weight</c>, <c>optimizers.G.state.0.exp_avg</c>,
/// <c>controller.k</c>, <c>rng.default</c>) whose metadata holds the rest as JSON; written atomically.
/// </summary>
public static class Checkpoint
{
    public const string Format = "dino.checkpoint.v1";

    /// <summary>The serializer checkpoints use unless told otherwise.</summary>
    public static readonly TensorFileWriter SafeTensorsWriter = (tensors, metadata, path) => SafeTensors.save(tensors, path, metadata);

    /// <summary>
    /// Captures the experiment's state into <paramref name="path"/>; a failure leaves any earlier file there untouched.
    /// <paramref name="data"/> is the position of the next batch the loop will train on when that is not the
    /// experiment's own source's (a prefetcher reads ahead of the loop).
    /// </summary>
    public static void Save(IExperiment experiment, CheckpointInfo info, string path, TensorFileWriter? writer = null, DataPosition? data = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(info);
        using var scope = torch.NewDisposeScope();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, network) in experiment.Networks)
            tensors.AddRange(network.state_dict().Select(kv => KeyValuePair.Create($"networks.{name}.{kv.Key}", kv.Value)));
        var groups = new JsonObject();
        foreach (var (name, optimizer) in experiment.Optimizers)
        {
            var sd = optimizer.state_dict();
            foreach (var (index, state) in sd.state.OrderBy(kv => kv.Key))
                tensors.AddRange(state.Select(s => KeyValuePair.Create($"optimizers.{name}.state.{index}.{s.Key}", s.Value)));
            groups[name] = ParamGroupsJson.Write(sd.param_groups);
        }
        var controller = experiment.Controller.Snapshot();
        foreach (var (name, value) in controller)
            tensors.Add(KeyValuePair.Create($"controller.{name}", torch.tensor(new[] { value }, new long[] { 1 })));
        tensors.Add(KeyValuePair.Create("rng.default", torch.get_rng_state()));
        for (var device = 0; device < CudaDevices(); device++) tensors.Add(KeyValuePair.Create(CudaRngKey(device), torch.cuda.get_rng_state(device)));
        foreach (var (name, generator) in experiment.Generators) tensors.Add(KeyValuePair.Create($"rng.{name}", generator.get_state()));

        var schedulers = new JsonObject();
        foreach (var (name, scheduler) in experiment.Schedulers) schedulers[name] = JsonNode.Parse(scheduler.state_dict().to_json());
        var position = data ?? experiment.Data.Position;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["experiment"] = info.Experiment,
            ["step"] = info.Step.ToString(CultureInfo.InvariantCulture),
            ["wall_seconds"] = info.WallSeconds.ToString("R", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject { ["epoch"] = position.Epoch, ["index"] = position.Index, ["shuffle_seed"] = position.ShuffleSeed }.ToJsonString(),
            ["optimizers"] = groups.ToJsonString(),
            ["schedulers"] = schedulers.ToJsonString(),
        };
        AtomicFile.WriteVia(path, temp => (writer ?? SafeTensorsWriter)(tensors, metadata, temp));
    }

    /// <summary>Reads the metadata alone (no tensors), e.g. to pick the step to resume from.</summary>
    public static CheckpointInfo ReadInfo(string path) => Info(path, SafeTensors.read_header(path).metadata);

    /// <summary>
    /// Restores a checkpoint into an experiment built with the same options (its constructor has already made
    /// every network, optimiser, scheduler and generator); returns the run information it recorded.
    /// </summary>
    public static CheckpointInfo Load(IExperiment experiment, string path)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        using var scope = torch.NewDisposeScope();
        var (tensors, metadata) = SafeTensors.load_with_metadata(path);
        var info = Info(path, metadata);

        foreach (var (name, network) in experiment.Networks)
        {
            var own = WithPrefix(tensors, $"networks.{name}.");
            if (own.Count == 0) throw Bad(path, $"it holds no network '{name}'");
            network.load_state_dict(own);
        }

        var groups = ParseObject(path, metadata, "optimizers");
        foreach (var (name, optimizer) in experiment.Optimizers)
        {
            var state = new Dictionary<int, OrderedDictionary<string, Tensor>>();
            foreach (var (key, tensor) in WithPrefix(tensors, $"optimizers.{name}.state."))
            {
                var parts = key.Split('.', 2);
                var index = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
                if (!state.TryGetValue(index, out var s)) state[index] = s = new OrderedDictionary<string, Tensor>();
                s[parts[1]] = tensor;
            }
            var saved = groups[name] ?? throw Bad(path, $"it holds no optimiser '{name}'");
            optimizer.load_state_dict(new OptimizerStateDict(state, ParamGroupsJson.Read(saved)));
        }

        var schedulers = ParseObject(path, metadata, "schedulers");
        foreach (var (name, scheduler) in experiment.Schedulers)
        {
            var saved = schedulers[name] ?? throw Bad(path, $"it holds no scheduler '{name}'");
            scheduler.load_state_dict(LRSchedulerState.from_json(saved.ToJsonString()));
        }

        foreach (var name in experiment.Controller.Names)
        {
            if (!tensors.TryGetValue($"controller.{name}", out var value)) throw Bad(path, $"it holds no controller value '{name}'");
            experiment.Controller[name] = value.to(ScalarType.Float64).item<double>();
        }

        torch.set_rng_state(Required(tensors, path, "rng.default"));
        // A checkpoint from a machine without CUDA (or with fewer GPUs) leaves those generators as seeded.
        for (var device = 0; device < CudaDevices(); device++)
        {
            if (tensors.TryGetValue(CudaRngKey(device), out var state)) torch.cuda.set_rng_state(state, device);
        }
        foreach (var (name, generator) in experiment.Generators) generator.set_state(Required(tensors, path, $"rng.{name}"));

        var data = ParseObject(path, metadata, "data");
        experiment.Data.Position = new DataPosition((long)data["epoch"]!, (long)data["index"]!, (long)data["shuffle_seed"]!);
        return info;
    }

    private static int CudaDevices() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    /// <summary>The tensor name of CUDA device <paramref name="device"/>'s default generator state ("rng.cuda.0").</summary>
    public static string CudaRngKey(int device) => $"rng.cuda.{device}";

    private static CheckpointInfo Info(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("format", out var format) || format != Format)
            throw Bad(path, $"its metadata does not say format '{Format}'");
        if (!metadata.TryGetValue("experiment", out var experiment)) throw Bad(path, "its metadata names no experiment");
        if (!metadata.TryGetValue("step", out var step) || !long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            throw Bad(path, "its metadata holds no step");
        var wall = metadata.TryGetValue("wall_seconds", out var w) ? double.Parse(w, CultureInfo.InvariantCulture) : 0;
        return new CheckpointInfo(experiment, s, wall);
    }

    private static OrderedDictionary<string, Tensor> WithPrefix(OrderedDictionary<string, Tensor> tensors, string prefix)
    {
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var (key, tensor) in tensors)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)) result[key[prefix.Length..]] = tensor;
        }
        return result;
    }

    private static Tensor Required(OrderedDictionary<string, Tensor> tensors, string path, string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw Bad(path, $"it holds no tensor '{name}'");

    private static JsonObject ParseObject(string path, IReadOnlyDictionary<string, string> metadata, string key)
    {
        try
        {
            return metadata.TryGetValue(key, out var text) && JsonNode.Parse(text) is JsonObject o ? o : throw Bad(path, $"its metadata holds no '{key}' object");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"its '{key}' metadata is not valid JSON: {e.Message}");
        }
    }

    private static InvalidDataException Bad(string path, string problem) => new($"'{path}' is not a usable checkpoint: {problem}");
}
