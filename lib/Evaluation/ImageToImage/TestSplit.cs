using Dino.Repro.Data;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// A corpus's test split in id order, read batch by batch so that a real one (CelebAMask-HQ's 2,824 test pairs at 256²)
/// never sits in memory whole.
/// </summary>
public sealed class TestSplit
{
    private readonly IReadOnlyList<Func<PairedExample>> examples;

    private TestSplit(IReadOnlyList<Func<PairedExample>> examples, string root)
    {
        if (examples.Count == 0)
            throw new InvalidDataException($"{root}: the test split is empty (make the corpus larger)");
        this.examples = examples;
        Root = root;
    }

    public int Count => examples.Count;

    /// <summary>The corpus folder it reads.</summary>
    public string Root { get; }

    /// <summary>The pairs <paramref name="examples"/> loads one at a time, of the corpus in <paramref name="root"/>.</summary>
    public static TestSplit Of(IReadOnlyList<Func<PairedExample>> examples, string root) => new(examples, root);

    /// <summary>The split in order, <paramref name="batchSize"/> pairs at a time (the last batch may be smaller).</summary>
    public IEnumerable<TestBatch> Batches(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var start = 0; start < Count; start += batchSize)
        {
            var loaded = examples.Skip(start).Take(batchSize).Select(load => load()).ToList();
            yield return TestBatch.Of(loaded);
        }
    }
}

/// <summary>Consecutive test pairs: conditions and photos [B, 3, H, W] in [−1, 1], labels int64 [B, H, W].</summary>
public sealed class TestBatch : IDisposable
{
    private TestBatch(Tensor conditions, Tensor photos, Tensor labels)
    {
        Conditions = conditions;
        Photos = photos;
        Labels = labels;
    }

    public Tensor Conditions { get; }
    public Tensor Photos { get; }
    public Tensor Labels { get; }
    public int Count => (int)Photos.size(0);

    internal static TestBatch Of(IReadOnlyList<PairedExample> examples)
    {
        var stacked = PairedBatches.Stack(examples); // disposes the examples
        return new TestBatch(stacked[PairedBatches.ConditionKey], stacked[PairedBatches.TargetKey], stacked[PairedBatches.LabelsKey]);
    }

    public void Dispose()
    {
        Conditions.Dispose();
        Photos.Dispose();
        Labels.Dispose();
    }
}
