using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Jit;

/// <summary>Loading TorchScript archives with the kit's errors: a missing file names its path, a corrupt one says so in one line.</summary>
public static class ScriptFiles
{
    /// <summary>Loads a <c>torch.jit.save</c> archive onto <paramref name="device"/> (CPU by default).</summary>
    /// <exception cref="FileNotFoundException">No file there.</exception>
    /// <exception cref="InvalidDataException">libtorch cannot read it as TorchScript (its message's first line, the rest inside).</exception>
    public static jit.ScriptModule Load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"TorchScript file not found: {full}", full);
        try
        {
            return torch.jit.load(full, device ?? torch.CPU);
        }
        catch (ExternalException e)
        {
            throw new InvalidDataException($"'{full}' could not be loaded as a TorchScript module: {e.Message.Split('\n', 2)[0].Trim()}", e);
        }
    }
}
