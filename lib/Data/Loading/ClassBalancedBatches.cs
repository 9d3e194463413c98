namespace Dino.Repro.Data.Loading;

/// <summary>
/// Batches with the same number of examples of every class (Dong et al.'s AC-GAN: 32 female + 32 male per batch of
/// 64), each class's examples shuffled on their own <see cref="ShuffledBatches"/>, classes concatenated in label order.
/// Its position is the number of batches drawn: each class's source advances one batch per draw, so that count alone
/// restores them (a resumed run draws the same batches).
/// </summary>
public sealed class ClassBalancedBatches : IBatchSource, IDisposable
{
    private readonly ShuffledBatches[] classes;
    private readonly long[] perEpoch;
    private readonly int perClass;
    private readonly long seed;
    private long drawn;

    /// <param name="data">Named tensors with examples along dimension 0; this source takes ownership.</param>
    /// <param name="classKey">The int64 [N] tensor of class labels 0..C−1 among <paramref name="data"/>.</param>
    /// <param name="batchSize">Examples per batch, a multiple of the number of classes.</param>
    public ClassBalancedBatches(IReadOnlyDictionary<string, Tensor> data, string classKey, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.TryGetValue(classKey, out var labels))
            throw new ArgumentException($"no class tensor '{classKey}' among {string.Join(", ", data.Keys)}", nameof(classKey));
        var present = labels.to(ScalarType.Int64).data<long>().ToArray();
        var count = present.Length == 0 ? 0 : (int)present.Max() + 1;
        if (count < 1 || batchSize % count != 0)
            throw new ArgumentException($"batch size {batchSize} does not split evenly over {count} classes", nameof(batchSize));
        perClass = batchSize / count;
        this.seed = seed;
        classes = new ShuffledBatches[count];
        perEpoch = new long[count];
        try
        {
            for (var c = 0; c < count; c++)
            {
                var members = Enumerable.Range(0, present.Length).Where(i => present[i] == c).Select(i => (long)i).ToArray();
                if (members.Length < perClass)
                    throw new ArgumentException($"class {c} has {members.Length} examples, fewer than the {perClass} a batch takes of it");
                using var index = torch.tensor(members);
                // Each class shuffles with its own seed, so adding a class leaves the others' order alone.
                classes[c] = new ShuffledBatches(data.ToDictionary(kv => kv.Key, kv => kv.Value.index_select(0, index)), perClass, seed + c);
                perEpoch[c] = members.Length / perClass;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        foreach (var t in data.Values)
            t.Dispose();
    }

    /// <summary>Examples of each class in a batch.</summary>
    public int PerClass => perClass;

    public DataPosition Position
    {
        get => new(drawn, 0, seed);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.ShuffleSeed != seed)
                throw new InvalidDataException($"the saved data position was shuffled with seed {value.ShuffleSeed}, this source with {seed}");
            if (value.Epoch < 0 || value.Index != 0)
                throw new InvalidDataException($"a class-balanced position counts batches drawn (got epoch {value.Epoch}, index {value.Index})");
            drawn = value.Epoch;
            for (var c = 0; c < classes.Length; c++)
                classes[c].Position = new DataPosition(drawn / perEpoch[c], drawn % perEpoch[c] * perClass, seed + c);
        }
    }

    public Batch Next()
    {
        var parts = classes.Select(c => c.Next()).ToArray();
        drawn++;
        var tensors = parts[0].Names.ToDictionary(name => name, name => torch.cat(parts.Select(p => p[name]).ToArray(), 0));
        return new Batch(perClass * classes.Length, tensors);
    }

    public void Dispose()
    {
        foreach (var c in classes)
            c?.Dispose();
    }
}
