namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>The distance between two feature frames every frame-aligned audio metric uses (DTW costs, MCD's per-frame term).</summary>
public static class FrameDistance
{
    /// <summary>Σ_{d ≥ <paramref name="first"/>} (a_d − b_d)², summed in index order (the references' order, so sums agree bit for bit).</summary>
    public static double SquaredEuclidean(double[] a, double[] b, int first = 0)
    {
        var sum = 0.0;
        for (var d = first; d < a.Length; d++)
        {
            var diff = a[d] - b[d];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>‖a − b‖₂.</summary>
    public static double Euclidean(double[] a, double[] b) => Math.Sqrt(SquaredEuclidean(a, b));
}
