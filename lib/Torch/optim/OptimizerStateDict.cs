using System.Globalization;
using System.Text.Json;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Torch.Optim;

/// <summary>
/// An optimiser's checkpoint, shaped as PyTorch's <c>{"state": {index: {name: tensor}}, "param_groups": [...]}</c>.
/// <see cref="save"/> writes it as one safetensors file: tensors named "state.{index}.{name}", the groups as
/// JSON in the metadata, with every double written round-trip exact.
/// </summary>
public sealed class OptimizerStateDict
{
    private const string GroupsKey = "param_groups";
    private const string FormatKey = "format";
    private const string Format = "dino.optimizer_state_dict.v1";

    /// <summary>A saved group: the indices of its parameters and its hyper-parameters.</summary>
    public sealed record Group(IReadOnlyList<int> @params, OrderedDictionary<string, object> options);

    public OptimizerStateDict(Dictionary<int, OrderedDictionary<string, Tensor>> state, List<Group> param_groups)
    {
        this.state = state;
        this.param_groups = param_groups;
    }

    public IReadOnlyDictionary<int, OrderedDictionary<string, Tensor>> state { get; }
    public IReadOnlyList<Group> param_groups { get; }

    public void save(string path)
    {
        var tensors = state.OrderBy(kv => kv.Key)
            .SelectMany(kv => kv.Value.Select(s => KeyValuePair.Create($"state.{kv.Key}.{s.Key}", s.Value)));
        var metadata = new Dictionary<string, string> { [FormatKey] = Format, [GroupsKey] = GroupsToJson() };
        SafeTensors.save(tensors, path, metadata);
    }

    /// <summary>Reads a file written by <see cref="save"/>; its tensors belong to the current dispose scope.</summary>
    public static OptimizerStateDict load(string path)
    {
        var (tensors, metadata) = SafeTensors.load_with_metadata(path);
        if (!metadata.TryGetValue(FormatKey, out var format) || format != Format || !metadata.TryGetValue(GroupsKey, out var json))
            throw new InvalidDataException($"'{path}' is a safetensors file but not an optimizer state_dict (no '{FormatKey}: {Format}' metadata)");
        var state = new Dictionary<int, OrderedDictionary<string, Tensor>>();
        foreach (var (name, tensor) in tensors)
        {
            var parts = name.Split('.', 3);
            if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new InvalidDataException($"'{path}': tensor '{name}' is not named state.<index>.<name>");
            if (!state.TryGetValue(index, out var s)) state[index] = s = new OrderedDictionary<string, Tensor>();
            s[parts[2]] = tensor;
        }
        return new OptimizerStateDict(state, GroupsFromJson(json, path));
    }

    private string GroupsToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var group in param_groups)
            {
                w.WriteStartObject();
                w.WriteStartArray("params");
                foreach (var i in group.@params) w.WriteNumberValue(i);
                w.WriteEndArray();
                foreach (var (key, value) in group.options)
                {
                    w.WritePropertyName(key);
                    switch (value)
                    {
                        case bool b: w.WriteBooleanValue(b); break;
                        case double d: w.WriteNumberValue(d); break;
                        case ValueTuple<double, double> (var a, var b):
                            w.WriteStartArray();
                            w.WriteNumberValue(a);
                            w.WriteNumberValue(b);
                            w.WriteEndArray();
                            break;
                        default: throw new NotSupportedException($"option '{key}' of type {value.GetType().Name} cannot be saved");
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<Group> GroupsFromJson(string json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var result = new List<Group>();
            foreach (var g in doc.RootElement.EnumerateArray())
            {
                var ids = g.GetProperty("params").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                var options = new OrderedDictionary<string, object>();
                foreach (var p in g.EnumerateObject().Where(p => p.Name != "params"))
                {
                    options[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Number => p.Value.GetDouble(),
                        JsonValueKind.Array when p.Value.GetArrayLength() == 2 => (p.Value[0].GetDouble(), p.Value[1].GetDouble()),
                        _ => throw new InvalidDataException($"option '{p.Name}' holds {p.Value.GetRawText()}"),
                    };
                }
                result.Add(new Group(ids, options));
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"'{path}': the optimizer param_groups metadata is malformed: {e.Message}", e);
        }
    }
}
