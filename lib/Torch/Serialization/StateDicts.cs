namespace Dino.Repro.Torch.Serialization;

/// <summary>
/// Loading a state_dict with PyTorch's checks: TorchSharp's <c>load_state_dict</c> names no key and copies with
/// broadcasting (a [1] tensor silently fills a [64] parameter), so the kit checks names and shapes first and says which.
/// Also a module's state_dict as a safetensors file.
/// </summary>
public static class StateDicts
{
    /// <summary>
    /// Copies <paramref name="source"/> into the module's parameters and persistent buffers. Strict loading fails on
    /// missing or unexpected keys; a shape mismatch always fails; every offending key is named. Values are converted to
    /// each target's dtype and device.
    /// </summary>
    /// <exception cref="InvalidDataException">The names or shapes do not match.</exception>
    public static (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) LoadStateDict(
        this nn.Module module,
        IReadOnlyDictionary<string, Tensor> source,
        bool strict = true
    )
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        var own = module.state_dict();
        var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
        var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(kv => source.TryGetValue(kv.Key, out var s) && !s.shape.SequenceEqual(kv.Value.shape))
            .Select(kv =>
                $"{kv.Key}: checkpoint shape [{string.Join(", ", source[kv.Key].shape)}], model shape [{string.Join(", ", kv.Value.shape)}]"
            )
            .ToList();
        var problems = new List<string>();
        if (strict && missing.Count > 0)
            problems.Add("missing keys: " + string.Join(", ", missing));
        if (strict && unexpected.Count > 0)
            problems.Add("unexpected keys: " + string.Join(", ", unexpected));
        if (mismatched.Count > 0)
            problems.Add("shape mismatch: " + string.Join("; ", mismatched));
        if (problems.Count > 0)
            throw new InvalidDataException($"Error(s) loading state_dict for {module.GetName()}: {string.Join(". ", problems)}");

        using var _ = torch.no_grad();
        foreach (var (key, target) in own)
        {
            if (!source.TryGetValue(key, out var value))
                continue;
            using var converted = value.to(target.dtype, target.device);
            target.copy_(converted);
        }
        return (missing, unexpected);
    }

    /// <summary>Writes the module's parameters and persistent buffers under their PyTorch names, atomically.</summary>
    public static T SaveSafeTensors<T>(this T module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : nn.Module
    {
        SafeTensors.Save(module.state_dict(), path, metadata);
        return module;
    }

    /// <summary>Reads a safetensors state_dict into the module (<see cref="LoadStateDict"/>'s checks).</summary>
    public static (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) LoadSafeTensors(
        this nn.Module module,
        string path,
        bool strict = true
    )
    {
        var loaded = SafeTensors.Load(path);
        try
        {
            return module.LoadStateDict(loaded, strict);
        }
        finally
        {
            foreach (var t in loaded.Values)
                t.Dispose();
        }
    }
}
