using System.Diagnostics;

namespace Dino.Repro.Training;

/// <summary>Examples per second and seconds per step over the most recent steps (a window, so a slow start fades).</summary>
public sealed class Throughput
{
    private readonly Queue<(double seconds, int examples)> window = new();
    private readonly int size;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private double last;

    public Throughput(int windowSteps = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSteps);
        size = windowSteps;
    }

    /// <summary>Records a step that processed <paramref name="examples"/> examples, ending now.</summary>
    public void StepDone(int examples)
    {
        var now = clock.Elapsed.TotalSeconds;
        window.Enqueue((now - last, examples));
        last = now;
        if (window.Count > size)
            window.Dequeue();
    }

    public double ExamplesPerSecond => window.Sum(w => w.seconds) is var s and > 0 ? window.Sum(w => w.examples) / s : 0;

    /// <summary>The estimated time for <paramref name="remainingSteps"/> more steps, or null before the first step.</summary>
    public TimeSpan? Eta(long remainingSteps) => window.Count == 0 ? null : TimeSpan.FromSeconds(remainingSteps * window.Average(w => w.seconds));
}
