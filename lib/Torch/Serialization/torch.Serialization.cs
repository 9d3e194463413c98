using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Torch;

public static partial class torch
{
    /// <summary>Saves a state_dict (name → tensor) as a safetensors file, atomically.</summary>
    public static void save(IEnumerable<KeyValuePair<string, Tensor>> state_dict, string path,
        IReadOnlyDictionary<string, string>? metadata = null) => SafeTensors.save(state_dict, path, metadata);

    /// <summary>Loads a safetensors file as a state_dict; <paramref name="map_location"/> picks the device (CPU by default).</summary>
    public static OrderedDictionary<string, Tensor> load(string path, Device? map_location = null) => SafeTensors.load(path, map_location);
}
