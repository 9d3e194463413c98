namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>A metric over seeds: the mean, the sample standard deviation (n − 1; 0 for one seed) and the number of seeds.</summary>
public sealed record SpreadValue(double Mean, double StandardDeviation, int Seeds)
{
    /// <summary>The mean and sample standard deviation of <paramref name="values"/> (one per seed).</summary>
    public static SpreadValue Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("no values to summarise", nameof(values));
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return new SpreadValue(mean, values.Count > 1 ? Math.Sqrt(squares / (values.Count - 1)) : 0, values.Count);
    }

    /// <summary>
    /// Whether this value and <paramref name="other"/> lie within each other's seed-to-seed spread: their mean ± sd
    /// intervals overlap (|Δ mean| ≤ sd₁ + sd₂). With one seed there is no spread and only equal means overlap.
    /// </summary>
    public bool Overlaps(SpreadValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Math.Abs(Mean - other.Mean) <= StandardDeviation + other.StandardDeviation;
    }
}

/// <summary>
/// A table's rows trained with several seeds: per method and metric the mean and spread over seeds, and which rows
/// sit within the spread of a column's best. Every seed scores the same methods on the same test split; a metric a
/// seed did not measure (null) is not measured for the row.
/// </summary>
public sealed class SeedSpread
{
    private readonly Dictionary<(string method, string key), SpreadValue> values = [];

    private SeedSpread(IReadOnlyList<long> seeds, IReadOnlyList<MethodScores> means)
    {
        Seeds = seeds;
        Means = means;
    }

    /// <summary>The training seeds, in the order they ran.</summary>
    public IReadOnlyList<long> Seeds { get; }

    /// <summary>The rows of the means, in the first seed's row order.</summary>
    public IReadOnlyList<MethodScores> Means { get; }

    /// <summary>
    /// Summarises <paramref name="perSeed"/> (one list of rows per seed, the same methods in each) trained with <paramref name="seeds"/>.
    /// </summary>
    public static SeedSpread Of(IReadOnlyList<long> seeds, IReadOnlyList<IReadOnlyList<MethodScores>> perSeed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0 || perSeed.Count != seeds.Count)
            throw new ArgumentException($"{perSeed.Count} seeds' rows for {seeds.Count} seeds");
        var methods = perSeed[0].Select(r => r.Method).ToList();
        foreach (var rows in perSeed)
        {
            if (!rows.Select(r => r.Method).SequenceEqual(methods))
                throw new ArgumentException($"every seed must score the same rows ({string.Join(", ", methods)})");
        }
        var means = new List<MethodScores>();
        var spread = new SeedSpread(seeds, means);
        for (var m = 0; m < methods.Count; m++)
        {
            var mean = new Dictionary<string, double?>();
            foreach (var key in perSeed[0][m].Values.Keys)
            {
                var measured = perSeed.Select(rows => rows[m].Values.GetValueOrDefault(key)).ToList();
                if (measured.Any(v => v is null))
                {
                    mean[key] = null;
                    continue;
                }
                var value = SpreadValue.Of(measured.Select(v => v!.Value).ToList());
                spread.values[(methods[m], key)] = value;
                mean[key] = value.Mean;
            }
            means.Add(new MethodScores(methods[m], mean));
        }
        return spread;
    }

    /// <summary>The spread of <paramref name="method"/>'s <paramref name="key"/>; null where it was not measured.</summary>
    public SpreadValue? Get(string method, string key) => values.GetValueOrDefault((method, key));

    /// <summary>
    /// The best of <paramref name="candidates"/> on <paramref name="key"/> by mean (the highest; the lowest where
    /// <paramref name="lowerIsBetter"/>), with the others whose spread overlaps it; null where none measured it.
    /// </summary>
    public (string best, IReadOnlyList<string> withinSpread)? Leader(string key, IEnumerable<string> candidates, bool lowerIsBetter = false)
    {
        var measured = candidates.Where(m => Get(m, key) is not null).ToList();
        if (measured.Count == 0)
            return null;
        var best = lowerIsBetter ? measured.MinBy(m => Get(m, key)!.Mean)! : measured.MaxBy(m => Get(m, key)!.Mean)!;
        var leader = Get(best, key)!;
        return (best, measured.Where(m => m != best && Get(m, key)!.Overlaps(leader)).ToList());
    }
}
