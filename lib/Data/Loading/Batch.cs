namespace Dino.Repro.Data.Loading;

/// <summary>
/// One mini-batch as named tensors (pix2pix's input dict: "A", "B", "image", ...). The tensors belong to the
/// dispose scope the loop opens around the step, so an experiment never frees them itself.
/// </summary>
public sealed class Batch
{
    private readonly IReadOnlyDictionary<string, Tensor> tensors;

    public Batch(int size, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        this.tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
    }

    /// <summary>How many examples the batch holds (what images/s counts).</summary>
    public int Size { get; }

    public IEnumerable<string> Names => tensors.Keys;

    public Tensor this[string name] =>
        tensors.TryGetValue(name, out var t)
            ? t
            : throw new KeyNotFoundException($"the batch has no tensor '{name}' (it has: {string.Join(", ", tensors.Keys)})");
}
