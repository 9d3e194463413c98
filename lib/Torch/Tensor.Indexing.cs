using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Python indexing through libtorch's own TensorIndex, so every rule (negative indices, ellipsis,
// advanced indexing with tensors and masks) behaves exactly as in PyTorch.
public partial class Tensor
{
    public Tensor this[params TensorIndex[] indices]
    {
        get => index(indices);
        set => index_put_(value, indices);
    }

    public unsafe Tensor index(params TensorIndex[] indices) =>
        WithPackedIndices(indices, (k, a, b, c, has, ts, n) => new Tensor(LibTorch.dn_index(Handle, k, a, b, c, has, ts, n)));

    /// <summary>Writes <paramref name="value"/> (broadcast) into the indexed region, in place.</summary>
    public unsafe Tensor index_put_(Tensor value, params TensorIndex[] indices)
    {
        WithPackedIndices(indices, (k, a, b, c, has, ts, n) => { NativeError.Check(LibTorch.dn_index_put_(Handle, k, a, b, c, has, ts, n, value.Handle)); return this; });
        return this;
    }

    public unsafe Tensor index_put_(double value, params TensorIndex[] indices)
    {
        WithPackedIndices(indices, (k, a, b, c, has, ts, n) => { NativeError.Check(LibTorch.dn_index_put_s_(Handle, k, a, b, c, has, ts, n, value)); return this; });
        return this;
    }

    private unsafe delegate Tensor PackedIndexCall(int* kinds, long* a, long* b, long* c, int* has, IntPtr* tensors, int n);

    /// <summary>Lays the indices out as the parallel arrays the native side reads, pinned for one call.</summary>
    private static unsafe Tensor WithPackedIndices(TensorIndex[] indices, PackedIndexCall call)
    {
        var n = indices.Length;
        Span<int> kinds = stackalloc int[n];
        Span<long> a = stackalloc long[n];
        Span<long> b = stackalloc long[n];
        Span<long> c = stackalloc long[n];
        Span<int> has = stackalloc int[n];
        var tensors = new IntPtr[n];
        Pack(indices, kinds, a, b, c, has, tensors);
        fixed (int* k = kinds)
        fixed (long* pa = a)
        fixed (long* pb = b)
        fixed (long* pc = c)
        fixed (int* ph = has)
        fixed (IntPtr* pt = tensors)
            return call(k, pa, pb, pc, ph, pt, n);
    }

    private static void Pack(TensorIndex[] indices, Span<int> kinds, Span<long> a, Span<long> b, Span<long> c, Span<int> has, IntPtr[] tensors)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            var ix = indices[i];
            kinds[i] = (int)ix.kind;
            a[i] = ix.start;
            b[i] = ix.stop;
            c[i] = ix.step;
            has[i] = ix.has;
            tensors[i] = ix.tensor?.Handle ?? IntPtr.Zero;
        }
    }
}
