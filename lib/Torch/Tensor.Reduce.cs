using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Reductions, named as in PyTorch. A dims argument of null reduces over every element.
// Whole-tensor sum()/mean()/prod() take no dtype: C# converts a literal 0 to an enum, so sum(0) would be ambiguous.
public partial class Tensor
{
    private static int Dt(ScalarType? dtype) => dtype is null ? -1 : (int)dtype.Value;

    public Tensor sum() => new(LibTorch.dn_sum(Handle, -1));
    public unsafe Tensor sum(long[] dim, bool keepdim = false, ScalarType? dtype = null)
    {
        fixed (long* d = dim) return new(LibTorch.dn_sum_dims(Handle, d, dim.Length, keepdim ? 1 : 0, Dt(dtype)));
    }
    public Tensor sum(long dim, bool keepdim = false, ScalarType? dtype = null) => sum(new[] { dim }, keepdim, dtype);

    public Tensor mean() => new(LibTorch.dn_mean(Handle, -1));
    public unsafe Tensor mean(long[] dim, bool keepdim = false, ScalarType? dtype = null)
    {
        fixed (long* d = dim) return new(LibTorch.dn_mean_dims(Handle, d, dim.Length, keepdim ? 1 : 0, Dt(dtype)));
    }
    public Tensor mean(long dim, bool keepdim = false, ScalarType? dtype = null) => mean(new[] { dim }, keepdim, dtype);

    public Tensor prod() => new(LibTorch.dn_prod(Handle, -1));
    public Tensor prod(long dim, bool keepdim = false, ScalarType? dtype = null) => new(LibTorch.dn_prod_dim(Handle, dim, keepdim ? 1 : 0, Dt(dtype)));

    /// <summary>Variance with Bessel's correction when <paramref name="unbiased"/> (PyTorch's default).</summary>
    public Tensor var(long[]? dim = null, bool unbiased = true, bool keepdim = false) => var(dim, unbiased ? 1L : 0L, keepdim);
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => var(new[] { dim }, unbiased, keepdim);
    public unsafe Tensor var(long[]? dim, long correction, bool keepdim)
    {
        fixed (long* d = dim) return new(LibTorch.dn_var(Handle, d, dim?.Length ?? -1, correction, keepdim ? 1 : 0));
    }

    public Tensor std(long[]? dim = null, bool unbiased = true, bool keepdim = false) => std(dim, unbiased ? 1L : 0L, keepdim);
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => std(new[] { dim }, unbiased, keepdim);
    public unsafe Tensor std(long[]? dim, long correction, bool keepdim)
    {
        fixed (long* d = dim) return new(LibTorch.dn_std(Handle, d, dim?.Length ?? -1, correction, keepdim ? 1 : 0));
    }

    /// <summary>The largest element.</summary>
    public Tensor max() => new(LibTorch.dn_max(Handle));
    public Tensor min() => new(LibTorch.dn_min(Handle));

    /// <summary>Largest values along a dim, with their indices.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        NativeError.Check(LibTorch.dn_max_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        NativeError.Check(LibTorch.dn_min_dim(Handle, dim, keepdim ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public unsafe Tensor amax(long[] dim, bool keepdim = false)
    {
        fixed (long* d = dim) return new(LibTorch.dn_amax(Handle, d, dim.Length, keepdim ? 1 : 0));
    }
    public unsafe Tensor amin(long[] dim, bool keepdim = false)
    {
        fixed (long* d = dim) return new(LibTorch.dn_amin(Handle, d, dim.Length, keepdim ? 1 : 0));
    }

    public Tensor argmax(long? dim = null, bool keepdim = false) => new(LibTorch.dn_argmax(Handle, dim ?? 0, dim.HasValue ? 1 : 0, keepdim ? 1 : 0));
    public Tensor argmin(long? dim = null, bool keepdim = false) => new(LibTorch.dn_argmin(Handle, dim ?? 0, dim.HasValue ? 1 : 0, keepdim ? 1 : 0));

    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        NativeError.Check(LibTorch.dn_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        NativeError.Check(LibTorch.dn_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public unsafe Tensor logsumexp(long[] dim, bool keepdim = false)
    {
        fixed (long* d = dim) return new(LibTorch.dn_logsumexp(Handle, d, dim.Length, keepdim ? 1 : 0));
    }
    public Tensor logsumexp(long dim, bool keepdim = false) => logsumexp(new[] { dim }, keepdim);

    /// <summary>The p-norm over <paramref name="dim"/> (all elements when null); p = ∞ is the max norm.</summary>
    public unsafe Tensor norm(double p = 2, long[]? dim = null, bool keepdim = false)
    {
        fixed (long* d = dim) return new(LibTorch.dn_norm(Handle, p, d, dim?.Length ?? -1, keepdim ? 1 : 0));
    }

    public Tensor cumsum(long dim) => new(LibTorch.dn_cumsum(Handle, dim));
    public Tensor cumprod(long dim) => new(LibTorch.dn_cumprod(Handle, dim));
    public Tensor all() => new(LibTorch.dn_all(Handle));
    public Tensor any() => new(LibTorch.dn_any(Handle));
}
