using Dino.Repro.Models.AcGan;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>One evaluation of an encoder run: its held-out pixel reconstruction error and the training wall time it was reached at.</summary>
public sealed record ReconstructionPoint(long Step, double WallSeconds, double Error);

/// <summary>
/// Dong et al.'s speed claim, measured: each encoder's held-out pixel reconstruction error against its wall time (from
/// its run's metrics.jsonl and log.jsonl), the error every encoder reaches (the largest of their best errors), and the step
/// and time at which each first reached it.
/// </summary>
public static class EncoderSpeed
{
    /// <summary>The run's evaluations in step order; an evaluation at a step the log has no wall time for is left out.</summary>
    public static IReadOnlyList<ReconstructionPoint> Read(string runDirectory)
    {
        var run = RunFolder.Open(runDirectory);
        var wall = new Dictionary<long, double>();
        foreach (var line in JsonlLog.Read(run.LogFile))
            if (line["step"] is { } step && line["wall_s"] is { } seconds)
                wall[(long)step] = (double)seconds;
        if (!File.Exists(run.MetricsFile))
            return [];
        return JsonlLog
            .Read(run.MetricsFile)
            .Select(line => (step: (long)line["step"]!, error: line["metrics"]?[AcGanEncoderExperiment.PixelReconstruction]))
            .Where(e => e.error is not null && wall.ContainsKey(e.step))
            .Select(e => new ReconstructionPoint(e.step, wall[e.step], (double)e.error!))
            .OrderBy(p => p.Step)
            .ToList();
    }

    /// <summary>The error every curve reaches: the largest of their lowest errors.</summary>
    public static double CommonTarget(IEnumerable<IReadOnlyList<ReconstructionPoint>> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var best = curves.Select(c => c.Count == 0 ? double.NaN : c.Min(p => p.Error)).ToList();
        if (best.Count == 0 || best.Any(double.IsNaN))
            throw new ArgumentException("every encoder needs at least one evaluation of its reconstruction error");
        return best.Max();
    }

    /// <summary>The first evaluation at or below <paramref name="target"/>; null when none is.</summary>
    public static ReconstructionPoint? FirstReaching(IReadOnlyList<ReconstructionPoint> curve, double target)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.FirstOrDefault(p => p.Error <= target);
    }
}
