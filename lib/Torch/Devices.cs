namespace Dino.Repro.Torch;

/// <summary>Devices as the kit's options name them ("cpu", "cuda", "cuda:1"), and whether this libtorch can use one.</summary>
public static class Devices
{
    /// <summary>Parses "cpu", "cuda" or "cuda:N"; anything else is an <see cref="ArgumentException"/> saying what is accepted.</summary>
    public static Device Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Trim().ToLowerInvariant().Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"unknown device '{spec}': expected cpu, cuda or cuda:N", nameof(spec)),
        };
        if (parts.Length == 1) return new Device(type);
        if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0) return new Device(type, index);
        throw new ArgumentException($"malformed device '{spec}': expected cpu, cuda or cuda:N", nameof(spec));
    }

    /// <summary>
    /// Why this libtorch cannot run on the device (no CUDA build or no visible GPU, or an index past the last GPU), or
    /// null when it can — for refusing a request up front instead of failing inside the first kernel.
    /// </summary>
    public static string? Unreachable(this Device device)
    {
        if (device.type == DeviceType.CPU) return null;
        if (!torch.cuda.is_available()) return $"device '{device}' was asked for but this libtorch has no CUDA device (see `./dino info`)";
        var count = torch.cuda.device_count();
        return device.index >= count ? $"device '{device}' was asked for but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1})" : null;
    }
}
