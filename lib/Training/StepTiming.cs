using System.Diagnostics;
using Dino.Repro.Models;

namespace Dino.Repro.Training;

/// <summary>How long an experiment's training step takes here: what the benchmarks and `--estimate` time.</summary>
public static class StepTiming
{
    /// <summary>
    /// The median wall time in milliseconds of <paramref name="steps"/> training steps of <paramref name="experiment"/> on
    /// batches of its own data, after <paramref name="warmup"/> untimed ones (allocations, cuDNN's algorithm search). Every
    /// step reads its losses back (.item()), so a GPU step has finished when its clock stops.
    /// </summary>
    public static double MedianMilliseconds(IExperiment experiment, int warmup, int steps)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var times = new List<double>();
        for (var i = 0; i < warmup + steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            var batch = experiment.Data.Next();
            var watch = Stopwatch.StartNew();
            experiment.Step(batch);
            if (i >= warmup)
                times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
