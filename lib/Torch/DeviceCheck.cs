
using Dino.Repro.IO;

namespace Dino.Repro.Torch;

/// <summary>The device an option names, refused up front when this libtorch cannot reach it.</summary>
public static class DeviceCheck
{
    /// <summary>
    /// <paramref name="name"/> parsed ("cpu", "cuda", "cuda:1"); a CUDA device without a CUDA build or a visible GPU is a
    /// <see cref="UsageException"/>, so the request fails before a run folder is made or a corpus is read.
    /// </summary>
    public static Device Require(string name)
    {
        var device = Devices.Parse(name);
        if (device.Unreachable() is { } problem)
            throw new UsageException($"{problem}; set device=cpu, or run on a GPU machine such as the devcontainer");
        return device;
    }
}
