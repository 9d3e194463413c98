using Dino.Repro.IO;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Models.Common;

/// <summary>
/// A network the kit trains once and keeps as safetensors (the stand-in judges): loaded when its file exists, otherwise
/// built, trained and written atomically, so a run killed while training it never leaves a half-written judge behind.
/// </summary>
public static class CachedNetwork
{
    /// <returns>The network in eval mode, and whether it came from <paramref name="path"/>.</returns>
    public static (T network, bool fromCache) LoadOrTrain<T>(string path, Func<T> build, Action<T> train)
        where T : nn.Module
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(train);
        var network = build();
        if (File.Exists(path))
        {
            network.LoadSafeTensors(path);
            network.eval();
            return (network, true);
        }
        train(network);
        network.eval();
        AtomicFile.WriteVia(path, temp => network.SaveSafeTensors(temp), keepExtension: true);
        return (network, false);
    }
}
