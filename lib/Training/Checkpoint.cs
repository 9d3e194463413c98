using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Torch.Serialization;
using TorchSharp.Modules;

namespace Dino.Repro.Training;

/// <summary>Writes tensors plus string metadata to a path (the checkpoint's serializer; tests substitute failing ones).</summary>
public delegate void TensorFileWriter(IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata, string path);

/// <summary>
/// One file holding everything a run needs to continue bit-identically: networks, optimisers, schedulers,
/// controller values, torch's default CPU generator and the experiment's own, the data position and the step. It is a
/// safetensors file (tensors by dotted name: <c>networks.G.0.weight</c>, <c>optimizers.G</c> — the optimiser's state in
/// TorchSharp's own format, moments and step counts and group rates bit for bit — <c>controller.k</c>,
/// <c>rng.default</c>) whose metadata holds the rest as JSON; written atomically.
/// TorchSharp 0.107 cannot read or set the CUDA default generator's state, so on CUDA every checkpoint boundary reseeds
/// it from the step instead: an uninterrupted run and a resumed one draw the same numbers after it.
/// </summary>
public static class Checkpoint
{
    public const string Format = "dino.checkpoint.v1";

    /// <summary>The serializer checkpoints use unless told otherwise.</summary>
    public static readonly TensorFileWriter SafeTensorsWriter = (tensors, metadata, path) => SafeTensors.Save(tensors, path, metadata);

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
        foreach (var (name, optimizer) in experiment.Optimizers)
            tensors.Add(KeyValuePair.Create($"optimizers.{name}", OptimizerBytes(optimizer)));
        var controller = experiment.Controller.Snapshot();
        foreach (var (name, value) in controller)
            tensors.Add(KeyValuePair.Create($"controller.{name}", torch.tensor(new[] { value }, new long[] { 1 })));
        tensors.Add(KeyValuePair.Create("rng.default", torch.get_rng_state()));
        foreach (var (name, generator) in experiment.Generators)
            tensors.Add(KeyValuePair.Create($"rng.{name}", generator.get_state()));

        var schedulers = new JsonObject();
        foreach (var (name, scheduler) in experiment.Schedulers)
            schedulers[name] = new JsonObject { ["last_epoch"] = scheduler.LastEpoch };
        var position = data ?? experiment.Data.Position;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["experiment"] = info.Experiment,
            ["step"] = info.Step.ToString(CultureInfo.InvariantCulture),
            ["wall_seconds"] = info.WallSeconds.ToString("R", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject
            {
                ["epoch"] = position.Epoch,
                ["index"] = position.Index,
                ["shuffle_seed"] = position.ShuffleSeed,
            }.ToJsonString(),
            ["schedulers"] = schedulers.ToJsonString(),
        };
        AtomicFile.WriteVia(path, temp => (writer ?? SafeTensorsWriter)(tensors, metadata, temp));
        ReseedCuda(info.Step);
    }

    /// <summary>Reads the metadata alone (no tensors), e.g. to pick the step to resume from.</summary>
    public static CheckpointInfo ReadInfo(string path) => Info(path, SafeTensors.ReadHeader(path).Metadata);

    /// <summary>
    /// Restores a checkpoint into an experiment built with the same options (its constructor has already made
    /// every network, optimiser, scheduler and generator); returns the run information it recorded.
    /// </summary>
    /// <summary>
    /// The weights one network <paramref name="name"/> saved in the checkpoint at <paramref name="path"/> (its state-dict
    /// keys, without the "networks.NAME." prefix), for a later stage that needs that network alone (the AC-GAN's frozen G,
    /// a GRID recogniser); the caller owns the tensors. The checkpoint's other tensors are freed.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint holds no such network.</exception>
    public static OrderedDictionary<string, Tensor> NetworkState(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var prefix = $"networks.{name}.";
        var tensors = SafeTensors.Load(path);
        var own = WithPrefix(tensors, prefix);
        foreach (var (key, tensor) in tensors)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
                tensor.Dispose();
        }
        if (own.Count == 0)
            throw Bad(path, $"it holds no network '{name}'");
        return own;
    }

    public static CheckpointInfo Load(IExperiment experiment, string path)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        using var scope = torch.NewDisposeScope();
        var (tensors, metadata) = SafeTensors.LoadWithMetadata(path);
        var info = Info(path, metadata);

        foreach (var (name, network) in experiment.Networks)
        {
            var own = WithPrefix(tensors, $"networks.{name}.");
            if (own.Count == 0)
                throw Bad(path, $"it holds no network '{name}'");
            network.LoadStateDict(own);
        }

        foreach (var (name, optimizer) in experiment.Optimizers)
        {
            if (!tensors.TryGetValue($"optimizers.{name}", out var saved))
                throw Bad(path, $"it holds no optimiser '{name}'");
            LoadOptimizer(optimizer, saved, path, name);
        }

        var schedulers = ParseObject(path, metadata, "schedulers");
        foreach (var (name, scheduler) in experiment.Schedulers)
        {
            var saved = schedulers[name] ?? throw Bad(path, $"it holds no scheduler '{name}'");
            if (saved["last_epoch"] is not JsonValue epoch || !epoch.TryGetValue<int>(out var lastEpoch) || lastEpoch < 0)
                throw Bad(path, $"scheduler '{name}' holds no last_epoch");
            scheduler.Restore(lastEpoch);
        }

        foreach (var name in experiment.Controller.Names)
        {
            if (!tensors.TryGetValue($"controller.{name}", out var value))
                throw Bad(path, $"it holds no controller value '{name}'");
            experiment.Controller[name] = value.to(ScalarType.Float64).ToDouble();
        }

        RestoreState(path, "rng.default", state => GuardedOps.SetRngState(state), Required(tensors, path, "rng.default"));
        ReseedCuda(info.Step);
        foreach (var (name, generator) in experiment.Generators)
            RestoreState(path, $"rng.{name}", generator.SetStateChecked, Required(tensors, path, $"rng.{name}"));

        var data = ParseObject(path, metadata, "data");
        experiment.Data.Position = new DataPosition((long)data["epoch"]!, (long)data["index"]!, (long)data["shuffle_seed"]!);
        return info;
    }

    // The optimiser's own serialisation (options with the current and initial rate of every group, then each
    // parameter's state) carried as a byte tensor: exact, and the same code TorchSharp's optimizer.load uses.
    internal static Tensor OptimizerBytes(optim.Optimizer optimizer)
    {
        var helper = Serializable(optimizer);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            helper.save_state_dict(writer);
        var bytes = stream.ToArray();
        return torch.tensor(bytes, new long[] { bytes.Length });
    }

    internal static void LoadOptimizer(optim.Optimizer optimizer, Tensor saved, string path, string name)
    {
        if (saved.dtype != ScalarType.Byte || saved.dim() != 1)
            throw Bad(path, $"optimiser '{name}' is not a byte string");
        using var reader = new BinaryReader(new MemoryStream(saved.ToArray<byte>()));
        try
        {
            // TorchSharp makes some state tensors while loading (SGD's momentum buffers, amsgrad's maxima): they belong to
            // the optimiser, so they must not be freed with the caller's dispose scope.
            using var loading = torch.NewDisposeScope();
            Serializable(optimizer).load_state_dict(reader);
            loading.Detach(loading.DisposablesView.ToList());
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or IOException)
        {
            throw Bad(path, $"optimiser '{name}' does not match this run's ({e.Message})");
        }
    }

    // TorchSharp's managed optimisers (Adam, SGD, RMSprop, ...) share OptimizerHelper, which (de)serialises them.
    private static OptimizerHelper Serializable(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"{optimizer.GetType().Name} cannot be checkpointed (not a TorchSharp OptimizerHelper)");

    /// <summary>The CUDA default generators' seed after the checkpoint at <paramref name="step"/> (see the class notes).</summary>
    public static long CudaSeedAfter(long step) => unchecked(step * 0x5DEECE66DL + 0xB);

    private static void ReseedCuda(long step)
    {
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(CudaSeedAfter(step));
    }

    private static CheckpointInfo Info(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("format", out var format) || format != Format)
            throw Bad(path, $"its metadata does not say format '{Format}'");
        if (!metadata.TryGetValue("experiment", out var experiment))
            throw Bad(path, "its metadata names no experiment");
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
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                result[key[prefix.Length..]] = tensor;
        }
        return result;
    }

    private static void RestoreState(string path, string name, Action<Tensor> restore, Tensor state)
    {
        try
        {
            restore(state);
        }
        catch (ArgumentException e)
        {
            throw Bad(path, $"'{name}' is not a generator state ({e.Message})");
        }
    }

    private static Tensor Required(OrderedDictionary<string, Tensor> tensors, string path, string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw Bad(path, $"it holds no tensor '{name}'");

    private static JsonObject ParseObject(string path, IReadOnlyDictionary<string, string> metadata, string key)
    {
        try
        {
            return metadata.TryGetValue(key, out var text) && JsonNode.Parse(text) is JsonObject o
                ? o
                : throw Bad(path, $"its metadata holds no '{key}' object");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"its '{key}' metadata is not valid JSON: {e.Message}");
        }
    }

    private static InvalidDataException Bad(string path, string problem) => new($"'{path}' is not a usable checkpoint: {problem}");
}
