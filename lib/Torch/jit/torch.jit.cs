using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Torch;

public static partial class torch
{
    /// <summary>torch.jit: loading TorchScript modules exported from Python.</summary>
    public static class jit
    {
        /// <summary>Loads a TorchScript archive (eval mode) onto <paramref name="map_location"/> (CPU by default).</summary>
        public static ScriptModule load(string path, Device? map_location = null) => ScriptModule.load(path, map_location);
    }
}
