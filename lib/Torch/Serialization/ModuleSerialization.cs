using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Torch.Serialization;

/// <summary>Saving and loading a module's state_dict as safetensors (TorchSharp's <c>module.save/load</c>).</summary>
public static class ModuleSerialization
{
    /// <summary>Writes the module's parameters and persistent buffers under their PyTorch names.</summary>
    public static T save<T>(this T module, string path, IReadOnlyDictionary<string, string>? metadata = null) where T : Module
    {
        SafeTensors.save(module.state_dict(), path, metadata);
        return module;
    }

    /// <summary>
    /// Copies a safetensors state_dict into the module (see <see cref="Module.load_state_dict"/>): strict loading
    /// fails on missing or unexpected names; shape mismatches always fail.
    /// </summary>
    public static (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load<T>(this T module, string path, bool strict = true)
        where T : Module
    {
        var loaded = SafeTensors.load(path);
        try
        {
            return module.load_state_dict(loaded, strict);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }
}
