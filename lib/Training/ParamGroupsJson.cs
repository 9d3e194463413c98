using Dino.Repro.Torch;
using System.Text.Json.Nodes;
using Dino.Repro.Torch.Optim;

namespace Dino.Repro.Training;

/// <summary>
/// An optimiser's param_groups as JSON, as PyTorch's state_dict shows them: <c>[{"params": [0, 1], "lr": 0.0002,
/// "betas": [0.5, 0.999], ...}]</c>. Doubles are written shortest-round-trip, so they read back bit for bit.
/// </summary>
internal static class ParamGroupsJson
{
    public static JsonArray Write(IEnumerable<OptimizerStateDict.Group> groups)
    {
        var array = new JsonArray();
        foreach (var group in groups)
        {
            var o = new JsonObject { ["params"] = new JsonArray(group.@params.Select(i => (JsonNode)i).ToArray()) };
            foreach (var (key, value) in group.options)
            {
                o[key] = value switch
                {
                    bool b => b,
                    double d => d,
                    ValueTuple<double, double> (var a, var b) => new JsonArray(a, b),
                    _ => throw new NotSupportedException($"optimizer option '{key}' of type {value.GetType().Name} cannot be checkpointed"),
                };
            }
            array.Add(o);
        }
        return array;
    }

    public static List<OptimizerStateDict.Group> Read(JsonNode json)
    {
        var result = new List<OptimizerStateDict.Group>();
        foreach (var node in json.AsArray())
        {
            var o = node!.AsObject();
            var ids = o["params"]!.AsArray().Select(i => (int)i!).ToArray();
            var options = new OrderedDictionary<string, object>();
            foreach (var (key, value) in o)
            {
                if (key == "params") continue;
                options[key] = value switch
                {
                    JsonArray { Count: 2 } pair => ((double)pair[0]!, (double)pair[1]!),
                    JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => (bool)v,
                    JsonValue v => (double)v,
                    _ => throw new InvalidDataException($"optimizer option '{key}' holds {value?.ToJsonString() ?? "null"}"),
                };
            }
            result.Add(new OptimizerStateDict.Group(ids, options));
        }
        return result;
    }
}
