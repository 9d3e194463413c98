using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>Inference outside the training step (sample grids, test translations) with the networks in eval mode.</summary>
public static class EvalMode
{
    /// <summary>
    /// <paramref name="run"/> with <paramref name="networks"/> in eval mode (no dropout, batch norm's running statistics),
    /// each put back in the mode it was in afterwards, even when it throws: train-mode dropout would draw from the training
    /// run's generator and batch norm would move its running statistics, and a frozen network stays frozen.
    /// </summary>
    public static T Run<T>(Func<T> run, params nn.Module[] networks)
    {
        var wasTraining = networks.Select(n => n.training).ToArray();
        foreach (var network in networks)
            network.eval();
        try
        {
            return run();
        }
        finally
        {
            for (var i = 0; i < networks.Length; i++)
                networks[i].train(wasTraining[i]);
        }
    }
}
