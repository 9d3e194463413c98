namespace Dino.Repro.Torch;

public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device as PyTorch names it: "cpu", "cuda", "cuda:1".</summary>
public readonly record struct Device(DeviceType type, int index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);

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

    public static implicit operator Device(string spec) => Parse(spec);

    /// <summary>
    /// Why this libtorch cannot run on the device (no CUDA build or no visible GPU, or an index past the last GPU), or
    /// null when it can — for refusing a request up front instead of failing inside the first kernel.
    /// </summary>
    public string? Unreachable()
    {
        if (type == DeviceType.CPU) return null;
        if (!torch.cuda.is_available()) return $"device '{this}' was asked for but this libtorch has no CUDA device (see `./dino info`)";
        var count = torch.cuda.device_count();
        return index >= count ? $"device '{this}' was asked for but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1})" : null;
    }

    public override string ToString() =>
        (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? $":{index}" : "");
}
