namespace Dino.Repro.Data.Loading;

/// <summary>
/// Adds to each batch of another source a mismatched example per row: one drawn from a pool whose label differs from the
/// row's (Wav2Pix's "wrong face": a real face of another speaker, which its matching-aware discriminator must call fake).
/// The draws come from a generator seeded by the inner source's position before each batch, so a restored
/// <see cref="Position"/> gives the same mismatches as before.
/// </summary>
public sealed class MismatchedExamples : IBatchSource, IDisposable
{
    private readonly IBatchSource inner;
    private readonly Tensor pool;
    private readonly string labelKey,
        outputKey;
    private readonly long seed;
    private readonly Dictionary<long, long[]> othersOf;

    /// <param name="inner">The batches to extend; they must hold int64 labels under <paramref name="labelKey"/>.</param>
    /// <param name="pool">Examples [N, …] to draw mismatches from; this source takes ownership.</param>
    /// <param name="poolLabels">Their labels [N] (at least two distinct ones).</param>
    /// <param name="outputKey">The key the mismatched examples are added under.</param>
    public MismatchedExamples(IBatchSource inner, Tensor pool, Tensor poolLabels, string labelKey, string outputKey, long seed)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(poolLabels);
        if (poolLabels.dim() != 1 || poolLabels.size(0) != pool.size(0))
            throw new ArgumentException($"{pool.size(0)} pool examples need [{pool.size(0)}] labels, got [{string.Join(", ", poolLabels.shape)}]");
        var labels = poolLabels.to(ScalarType.Int64).data<long>().ToArray();
        var distinct = labels.Distinct().ToArray();
        if (distinct.Length < 2)
            throw new ArgumentException("mismatched examples need a pool with at least two labels", nameof(poolLabels));
        othersOf = distinct.ToDictionary(l => l, l => Enumerable.Range(0, labels.Length).Where(i => labels[i] != l).Select(i => (long)i).ToArray());
        this.pool = pool.DetachFromDisposeScope();
        this.labelKey = labelKey;
        this.outputKey = outputKey;
        this.seed = seed;
    }

    public DataPosition Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public Batch Next()
    {
        var at = inner.Position;
        var random = new Random(ShuffledBatches.MixSeed(ShuffledBatches.MixSeed(seed, at.Epoch), at.Index));
        var batch = inner.Next();
        var rows = batch[labelKey].to(ScalarType.Int64).data<long>().ToArray();
        var picks = rows.Select(label =>
                othersOf.TryGetValue(label, out var others)
                    ? others[random.Next(others.Length)]
                    : throw new InvalidDataException($"label {label} of a batch is not among the pool's labels")
            )
            .ToArray();
        using var index = torch.tensor(picks);
        var tensors = batch.Names.ToDictionary(name => name, name => batch[name]);
        tensors[outputKey] = pool.index_select(0, index);
        return new Batch(batch.Size, tensors);
    }

    public void Dispose()
    {
        pool.Dispose();
        (inner as IDisposable)?.Dispose();
    }
}
