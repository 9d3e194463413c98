using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>Inference outside the training step (sample grids, test translations) with the networks in eval mode.</summary>
public static class EvalMode
{
    /// <summary>
    /// <paramref name="run"/> with <paramref name="networks"/> in eval mode (no dropout, batch norm's running statistics),
    /// back in train mode afterwards even when it throws: train-mode dropout would draw from the training run's generator
    /// and batch norm would move its running statistics.
    /// </summary>
    public static T Run<T>(Func<T> run, params nn.Module[] networks)
    {
        foreach (var network in networks)
            network.eval();
        try
        {
            return run();
        }
        finally
        {
            foreach (var network in networks)
                network.train();
        }
    }
}
