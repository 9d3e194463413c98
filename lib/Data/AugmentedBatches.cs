using Dino.Repro.Data.Loading;
using Dino.Repro.Training;

namespace Dino.Repro.Data;

/// <summary>
/// A paired batch source with <see cref="PairedAugmentation"/> applied to every example, the same draw for its
/// condition ("A"), target ("B") and labels. Each batch's draws are a pure function of the seed and the position the
/// batch was read from, so seeded runs see the same batches and a resumed run continues exactly.
/// </summary>
public sealed class AugmentedBatches : IBatchSource, IDisposable
{
    private static readonly string[] PairedKeys = [PairedBatches.ConditionKey, PairedBatches.TargetKey, PairedBatches.LabelsKey];
    private readonly IBatchSource inner;
    private readonly PairedAugmentation augmentation;
    private readonly long seed;

    /// <param name="inner">The source to augment; this one takes ownership (disposes it).</param>
    public AugmentedBatches(IBatchSource inner, PairedAugmentation augmentation, long seed)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        this.augmentation = augmentation ?? throw new ArgumentNullException(nameof(augmentation));
        this.seed = seed;
    }

    public DataPosition Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public Batch Next()
    {
        var position = inner.Position;
        var batch = inner.Next();
        // A private generator seeded by (seed, position): torch's Mersenne Twister scrambles the simple sum.
        using var generator = new Generator(
            unchecked((ulong)(seed * 1_000_003L + position.Epoch * 7_919L + position.Index + position.ShuffleSeed * 104_729L))
        );
        using var uniforms = torch.rand(new long[] { batch.Size, 4 }, dtype: ScalarType.Float64, generator: generator);
        var u = uniforms.ToArray<double>();
        var size = (int)batch[PairedBatches.TargetKey].size(-1);
        var draws = Enumerable
            .Range(0, batch.Size)
            .Select(i => augmentation.DrawFor(size, u[4 * i], u[4 * i + 1], u[4 * i + 2], u[4 * i + 3]))
            .ToArray();
        var tensors = batch.Names.ToDictionary(name => name, name => PairedKeys.Contains(name) ? Augment(batch[name], draws, size) : batch[name]);
        return new Batch(batch.Size, tensors);
    }

    private static Tensor Augment(Tensor examples, IReadOnlyList<PairedAugmentation.Draw> draws, int size)
    {
        var augmented = draws.Select((draw, i) => PairedAugmentation.Apply(examples.select(0, i), draw, size)).ToArray();
        return torch.stack(augmented, 0);
    }

    public void Dispose()
    {
        if (inner is IDisposable disposable)
            disposable.Dispose();
    }
}
