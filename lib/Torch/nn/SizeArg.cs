namespace Dino.Repro.Torch;

/// <summary>
/// PyTorch's "int or tuple" size arguments: <c>kernel_size: 3</c> or <c>kernel_size: (3, 5)</c>; convolution
/// padding may also be the string "same" or "valid". It remembers the form it was given in, so a layer's
/// repr prints <c>kernel_size=2</c> or <c>kernel_size=(2, 2)</c> as PyTorch does.
/// </summary>
public readonly struct SizeArg
{
    private readonly long[]? values;

    private SizeArg(long[] values, bool single)
    {
        this.values = values;
        IsSingle = single;
        Text = null;
    }

    private SizeArg(string text)
    {
        values = null;
        IsSingle = false;
        Text = text;
    }

    /// <summary>True for a plain int (applies to every spatial dim).</summary>
    public bool IsSingle { get; }

    /// <summary>The string form ("same", "valid"), or null for numbers.</summary>
    public string? Text { get; }

    public static implicit operator SizeArg(long value) => new(new[] { value }, true);
    public static implicit operator SizeArg(int value) => new(new long[] { value }, true);
    public static implicit operator SizeArg(long[] values) => new((long[])values.Clone(), false);
    public static implicit operator SizeArg(int[] values) => new(values.Select(v => (long)v).ToArray(), false);
    public static implicit operator SizeArg((long, long) t) => new(new[] { t.Item1, t.Item2 }, false);
    public static implicit operator SizeArg((int, int) t) => new(new long[] { t.Item1, t.Item2 }, false);
    public static implicit operator SizeArg((long, long, long) t) => new(new[] { t.Item1, t.Item2, t.Item3 }, false);
    public static implicit operator SizeArg((int, int, int) t) => new(new long[] { t.Item1, t.Item2, t.Item3 }, false);
    public static implicit operator SizeArg(string text) => new(text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>The values for <paramref name="n"/> dims: an int is repeated, a tuple must have n entries.</summary>
    public long[] Expand(int n, string name)
    {
        if (Text is not null) throw new ArgumentException($"{name}='{Text}' is not valid here: {name} must be an int or a {n}-tuple", name);
        var v = values ?? new long[] { 0 };
        if (IsSingle) return Enumerable.Repeat(v[0], n).ToArray();
        if (v.Length != n) throw new ArgumentException($"{name} must be an int or a {n}-tuple, got {PyRepr.Tuple(v)}", name);
        return (long[])v.Clone();
    }

    /// <summary>The values as given (one entry for a plain int), for sizes of any length such as normalized_shape.</summary>
    public long[] ToArray(string name) =>
        Text is null ? (long[])(values ?? Array.Empty<long>()).Clone() : throw new ArgumentException($"{name}='{Text}' is not a size", name);

    /// <summary>The same values in tuple form (PyTorch's _single/_pair/_triple), for layers that store tuples.</summary>
    public SizeArg AsTuple(int n, string name) => Text is not null ? this : new SizeArg(Expand(n, name), false);

    /// <summary>Python's repr of the value as given: <c>3</c>, <c>(3, 5)</c>, <c>(3,)</c> or <c>same</c>.</summary>
    public override string ToString() => Text ?? (IsSingle ? values![0].ToString(System.Globalization.CultureInfo.InvariantCulture) : PyRepr.Tuple(values ?? Array.Empty<long>()));
}
