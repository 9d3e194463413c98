namespace Dino.Repro.Tests.Data;

/// <summary>How strongly two per-frame series move together (the embedded video corpora's audio-visual checks).</summary>
internal static class Correlation
{
    /// <summary>Pearson's r of two equally long series.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2)
            throw new ArgumentException($"two series of equal length ≥ 2 are needed, got {x.Count} and {y.Count}");
        double mx = x.Average(),
            my = y.Average();
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
