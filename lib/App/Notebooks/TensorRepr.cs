using System.Globalization;
using System.Text;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Prints tensors the way PyTorch does (torch/_tensor_str.py): 4 decimals, a shared width, scientific
/// notation when the magnitudes span more than 1000×, "1." for integral floats, "..." past 1000 elements — what a
/// notebook cell shows for a tensor (TorchSharp's own ToString styles are Julia's, NumPy's or C#'s, not PyTorch's).
/// </summary>
internal static class TensorRepr
{
    private const int Precision = 4;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 80;

    public static string Format(Tensor t)
    {
        if (t.IsInvalid) return "tensor(<disposed>)";
        var prefix = "tensor(";
        var shape = t.shape;
        var dtype = t.dtype;
        var suffixes = new List<string>();
        if (t.device.type != DeviceType.CPU) suffixes.Add($"device='{t.device}'");

        string body;
        if (t.numel() == 0)
        {
            body = "[]";
            if (shape.Length != 1) suffixes.Add($"size=({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")})");
        }
        else
        {
            var summarize = t.numel() > Threshold;
            var (values, format) = Values(t, dtype);
            var formatter = MakeFormatter(values, dtype, format);
            var width = 0;
            foreach (var i in Visible(shape, summarize)) width = Math.Max(width, formatter(values[i]).Length);
            var sb = new StringBuilder();
            WriteDim(sb, values, formatter, width, shape, Strides(shape), 0, 0, prefix.Length, summarize);
            body = sb.ToString();
        }

        if (dtype != ScalarType.Float32 && dtype != ScalarType.Int64 && dtype != ScalarType.Bool) suffixes.Add($"dtype={dtype.TorchName()}");
        // PyTorch names a non-leaf's grad_fn; TorchSharp does not expose it, so only leaves say they require grad.
        if (t.requires_grad && t.is_leaf) suffixes.Add("requires_grad=True");

        return prefix + body + string.Concat(suffixes.Select(s => ", " + s)) + ")";
    }

    private enum Kind { Float, Integer, Bool }

    private static (double[] values, Kind kind) Values(Tensor t, ScalarType dtype)
    {
        using var _ = torch.no_grad();
        if (dtype == ScalarType.Bool)
        {
            using var asByte = t.to(ScalarType.Byte);
            return (asByte.ToArray<byte>().Select(b => (double)b).ToArray(), Kind.Bool);
        }
        if (dtype.IsIntegral())
        {
            using var asLong = t.to(ScalarType.Int64);
            return (asLong.ToArray<long>().Select(v => (double)v).ToArray(), Kind.Integer);
        }
        using var asDouble = t.to(ScalarType.Float64);
        return (asDouble.ToArray<double>(), Kind.Float);
    }

    private static Func<double, string> MakeFormatter(double[] values, ScalarType dtype, Kind kind)
    {
        if (kind == Kind.Bool) return v => v != 0 ? "True" : "False";
        if (kind == Kind.Integer) return v => ((long)v).ToString(CultureInfo.InvariantCulture);

        var finite = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
        var intMode = finite.All(v => Math.Ceiling(v) == v);
        var sciMode = false;
        if (finite.Length > 0)
        {
            double max = finite.Max(), min = finite.Min();
            sciMode = intMode ? max / min > 1000 || max > 1e8 : max / min > 1000 || max > 1e8 || min < 1e-4;
        }
        return v =>
        {
            if (double.IsNaN(v)) return "nan";
            if (double.IsPositiveInfinity(v)) return "inf";
            if (double.IsNegativeInfinity(v)) return "-inf";
            if (sciMode) return Scientific(v);
            if (intMode) return v.ToString("0", CultureInfo.InvariantCulture) + ".";
            return v.ToString("F" + Precision, CultureInfo.InvariantCulture);
        };
    }

    // Python's "{:.4e}": mantissa with 4 decimals and a signed two-digit exponent.
    private static string Scientific(double v) => v.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    private static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long acc = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = acc;
            acc *= shape[d];
        }
        return strides;
    }

    private static IEnumerable<long> Indices(long size, bool summarize) =>
        summarize && size > 2 * EdgeItems
            ? Enumerable.Range(0, EdgeItems).Select(i => (long)i).Concat(Enumerable.Range((int)(size - EdgeItems), EdgeItems).Select(i => (long)i))
            : Enumerable.Range(0, (int)size).Select(i => (long)i);

    private static IEnumerable<long> Visible(long[] shape, bool summarize)
    {
        if (shape.Length == 0) { yield return 0; yield break; }
        var strides = Strides(shape);
        IEnumerable<long> offsets = new long[] { 0 };
        for (var d = 0; d < shape.Length; d++)
        {
            var dd = d;
            offsets = offsets.SelectMany(o => Indices(shape[dd], summarize).Select(i => o + i * strides[dd])).ToList();
        }
        foreach (var o in offsets) yield return o;
    }

    private static void WriteDim(StringBuilder sb, double[] values, Func<double, string> fmt, int width, long[] shape,
        long[] strides, int dim, long offset, int indent, bool summarize)
    {
        if (shape.Length == 0)
        {
            sb.Append(fmt(values[0]));
            return;
        }
        var size = shape[dim];
        var skip = summarize && size > 2 * EdgeItems;
        sb.Append('[');
        if (dim == shape.Length - 1)
        {
            // Innermost dim, as _vector_str: items (with " ..." standing in for the skipped middle) chunked
            // into lines of as many as fit in the line width.
            var items = new List<string>();
            foreach (var i in Indices(size, summarize))
            {
                if (skip && i == size - EdgeItems) items.Add(" ...");
                items.Add(fmt(values[offset + i * strides[dim]]).PadLeft(width));
            }
            var perLine = Math.Max(1, (LineWidth - indent) / (width + 2));
            var lines = items.Chunk(perLine).Select(chunk => string.Join(", ", chunk));
            sb.Append(string.Join(",\n" + new string(' ', indent + 1), lines));
        }
        else
        {
            var separator = "," + new string('\n', shape.Length - dim - 1) + new string(' ', indent + 1);
            var first = true;
            foreach (var i in Indices(size, summarize))
            {
                if (!first) sb.Append(separator);
                if (skip && i == size - EdgeItems) sb.Append("...").Append(separator);
                WriteDim(sb, values, fmt, width, shape, strides, dim + 1, offset + i * strides[dim], indent + 1, summarize);
                first = false;
            }
        }
        sb.Append(']');
    }
}
