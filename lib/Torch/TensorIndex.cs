namespace Dino.Repro.Torch;

/// <summary>
/// One entry of a Python-style index: an integer, a slice, None (new axis), Ellipsis, a boolean or an index
/// tensor. C# ranges convert too, so <c>x[.., 1..^1]</c> is PyTorch's <c>x[:, 1:-1]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum Kind { Integer = 0, Slice = 1, None = 2, Ellipsis = 3, Tensor = 4, Boolean = 5 }

    internal readonly Kind kind;
    internal readonly long start, stop, step;
    internal readonly int has;  // bit 0: start given, bit 1: stop given, bit 2: step given
    internal readonly Tensor? tensor;

    private TensorIndex(Kind kind, long start = 0, long stop = 0, long step = 0, int has = 0, Tensor? tensor = null)
    {
        this.kind = kind;
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.has = has;
        this.tensor = tensor;
    }

    public static TensorIndex Single(long index) => new(Kind.Integer, start: index);

    public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null) =>
        new(Kind.Slice, start ?? 0, stop ?? 0, step ?? 1,
            (start.HasValue ? 1 : 0) | (stop.HasValue ? 2 : 0) | (step.HasValue ? 4 : 0));

    /// <summary>Every element along a dimension (Python's <c>:</c>).</summary>
    public static readonly TensorIndex Colon = Slice();

    /// <summary>A new axis of size 1 (Python's <c>None</c>).</summary>
    public static readonly TensorIndex None = new(Kind.None);

    /// <summary>As many <c>:</c> as needed (Python's <c>...</c>).</summary>
    public static readonly TensorIndex Ellipsis = new(Kind.Ellipsis);

    public static TensorIndex Bool(bool value) => new(Kind.Boolean, start: value ? 1 : 0);

    public static TensorIndex FromTensor(Tensor index) => new(Kind.Tensor, tensor: index);

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(Tensor index) => FromTensor(index);

    public static implicit operator TensorIndex(Index index) => Single(index.IsFromEnd ? -index.Value : index.Value);

    public static implicit operator TensorIndex(Range range)
    {
        long? start = range.Start.IsFromEnd ? -range.Start.Value : range.Start.Value;
        long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        if (start == 0) start = null;
        return Slice(start, stop);
    }
}
