namespace Dino.Repro.Data.Loading;

/// <summary>
/// Batches drawn from in-memory tensors (examples along dimension 0), reshuffled every epoch, dropping the last
/// incomplete batch (PyTorch's DataLoader with shuffle=True, drop_last=True). Each epoch's order comes from a
/// PRNG seeded by (seed, epoch) alone, so a restored <see cref="Position"/> gives the same batches as before.
/// </summary>
public sealed class ShuffledBatches : IBatchSource, IDisposable
{
    private readonly OrderedDictionary<string, Tensor> data;
    private readonly int batchSize;
    private readonly long count;
    private readonly long seed;
    private long epoch;
    private long index;
    private long[] order;

    /// <param name="data">Named tensors with the same length along dimension 0; this source takes ownership.</param>
    public ShuffledBatches(IReadOnlyDictionary<string, Tensor> data, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
            throw new ArgumentException("a batch source needs at least one tensor", nameof(data));
        this.data = new OrderedDictionary<string, Tensor>(data);
        count = this.data.GetAt(0).Value.size(0);
        foreach (var (name, t) in this.data)
        {
            if (t.size(0) != count)
                throw new ArgumentException($"tensor '{name}' holds {t.size(0)} examples, the others {count}", nameof(data));
            t.DetachFromDisposeScope();
        }
        if (batchSize < 1 || batchSize > count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"the batch size must be between 1 and the {count} examples");
        this.batchSize = batchSize;
        this.seed = seed;
        order = Order(seed, 0, count);
    }

    public long Count => count;

    public DataPosition Position
    {
        get => new(epoch, index, seed);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.ShuffleSeed != seed)
                throw new InvalidDataException($"the saved data position was shuffled with seed {value.ShuffleSeed}, this source with {seed}");
            if (value.Epoch < 0 || value.Index < 0 || value.Index > count)
                throw new InvalidDataException($"data position (epoch {value.Epoch}, index {value.Index}) is outside a source of {count} examples");
            if (value.Epoch != epoch)
                order = Order(seed, value.Epoch, count);
            epoch = value.Epoch;
            index = value.Index;
        }
    }

    public Batch Next()
    {
        if (index + batchSize > count)
        {
            epoch++;
            index = 0;
            order = Order(seed, epoch, count);
        }
        var picked = torch.tensor(order[(int)index..((int)index + batchSize)]);
        index += batchSize;
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, t) in data)
            tensors[name] = t.index_select(0, picked);
        picked.Dispose();
        return new Batch(batchSize, tensors);
    }

    /// <summary>A Fisher–Yates shuffle of 0..count-1 from System.Random, whose seeded sequence is fixed across .NET versions.</summary>
    private static long[] Order(long seed, long epoch, long count)
    {
        var random = new Random(MixSeed(seed, epoch));
        var result = new long[count];
        for (long i = 0; i < count; i++)
            result[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt64(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    // SplitMix64 of (seed, epoch): HashCode.Combine would differ from process to process.
    internal static int MixSeed(long seed, long epoch)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    public void Dispose()
    {
        foreach (var t in data.Values)
            t.Dispose();
    }
}
