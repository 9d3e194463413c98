using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Views, reshapes and re-arrangements, named as in PyTorch.
public partial class Tensor
{
    public unsafe Tensor view(params long[] shape)
    {
        fixed (long* s = shape) return new(LibTorch.dn_view(Handle, s, shape.Length));
    }
    public unsafe Tensor reshape(params long[] shape)
    {
        fixed (long* s = shape) return new(LibTorch.dn_reshape(Handle, s, shape.Length));
    }
    public unsafe Tensor permute(params long[] dims)
    {
        fixed (long* s = dims) return new(LibTorch.dn_permute(Handle, s, dims.Length));
    }
    public unsafe Tensor expand(params long[] shape)
    {
        fixed (long* s = shape) return new(LibTorch.dn_expand(Handle, s, shape.Length));
    }
    public Tensor expand_as(Tensor other) => expand(other.shape);
    public unsafe Tensor broadcast_to(params long[] shape)
    {
        fixed (long* s = shape) return new(LibTorch.dn_broadcast_to(Handle, s, shape.Length));
    }
    public unsafe Tensor repeat(params long[] repeats)
    {
        fixed (long* s = repeats) return new(LibTorch.dn_repeat(Handle, s, repeats.Length));
    }
    public unsafe Tensor flip(params long[] dims)
    {
        fixed (long* s = dims) return new(LibTorch.dn_flip(Handle, s, dims.Length));
    }
    public unsafe Tensor roll(long[] shifts, long[] dims)
    {
        fixed (long* s = shifts)
        fixed (long* d = dims)
            return new(LibTorch.dn_roll(Handle, s, shifts.Length, d, dims.Length));
    }
    public Tensor roll(long shift, long dim) => roll(new[] { shift }, new[] { dim });
    public unsafe Tensor unflatten(long dim, params long[] sizes)
    {
        fixed (long* s = sizes) return new(LibTorch.dn_unflatten(Handle, dim, s, sizes.Length));
    }

    public Tensor view_as(Tensor other) => view(other.shape);
    public Tensor reshape_as(Tensor other) => reshape(other.shape);
    public Tensor transpose(long dim0, long dim1) => new(LibTorch.dn_transpose(Handle, dim0, dim1));
    public Tensor t() => new(LibTorch.dn_t(Handle));
    public Tensor T => t();
    public Tensor contiguous() => new(LibTorch.dn_contiguous(Handle));
    public Tensor squeeze() => new(LibTorch.dn_squeeze(Handle));
    public Tensor squeeze(long dim) => new(LibTorch.dn_squeeze_dim(Handle, dim));
    public Tensor unsqueeze(long dim) => new(LibTorch.dn_unsqueeze(Handle, dim));
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => new(LibTorch.dn_flatten(Handle, start_dim, end_dim));
    public Tensor narrow(long dim, long start, long length) => new(LibTorch.dn_narrow(Handle, dim, start, length));
    public Tensor select(long dim, long index) => new(LibTorch.dn_select(Handle, dim, index));
    public Tensor slice(long dim, long start, long end, long step = 1) => new(LibTorch.dn_slice(Handle, dim, start, end, step));
    public Tensor index_select(long dim, Tensor index) => new(LibTorch.dn_index_select(Handle, dim, index.Handle));
    public Tensor gather(long dim, Tensor index) => new(LibTorch.dn_gather(Handle, dim, index.Handle));
    public Tensor scatter(long dim, Tensor index, Tensor src) => new(LibTorch.dn_scatter(Handle, dim, index.Handle, src.Handle));
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => new(LibTorch.dn_scatter_add(Handle, dim, index.Handle, src.Handle));
    public Tensor masked_fill(Tensor mask, double value) => new(LibTorch.dn_masked_fill(Handle, mask.Handle, value, 0));
    public Tensor masked_fill(Tensor mask, long value) => new(LibTorch.dn_masked_fill(Handle, mask.Handle, value, 1));
    public Tensor masked_select(Tensor mask) => new(LibTorch.dn_masked_select(Handle, mask.Handle));
    public Tensor tril(long diagonal = 0) => new(LibTorch.dn_tril_k(Handle, diagonal));
    public Tensor triu(long diagonal = 0) => new(LibTorch.dn_triu_k(Handle, diagonal));
    public Tensor diag(long diagonal = 0) => new(LibTorch.dn_diag(Handle, diagonal));
    public Tensor nonzero() => new(LibTorch.dn_nonzero(Handle));

    public unsafe Tensor[] split(long split_size, long dim = 0) => TakeList((out int n) => LibTorch.dn_split(Handle, split_size, dim, out n));
    public unsafe Tensor[] split(long[] split_sizes, long dim = 0)
    {
        fixed (long* s = split_sizes)
        {
            var p = s;
            return TakeList((out int n) => LibTorch.dn_split_sizes(Handle, p, split_sizes.Length, dim, out n));
        }
    }
    public unsafe Tensor[] chunk(long chunks, long dim = 0) => TakeList((out int n) => LibTorch.dn_chunk(Handle, chunks, dim, out n));
    public unsafe Tensor[] unbind(long dim = 0) => TakeList((out int n) => LibTorch.dn_unbind(Handle, dim, out n));

    internal unsafe delegate IntPtr* ListCall(out int count);

    /// <summary>Wraps a native array of new handles and frees the array itself.</summary>
    internal static unsafe Tensor[] TakeList(ListCall call)
    {
        var arr = call(out var count);
        if (arr == null) throw NativeError.Exception();
        var result = new Tensor[count];
        for (var k = 0; k < count; k++) result[k] = new Tensor(arr[k]);
        LibTorch.dn_free_handles(arr);
        return result;
    }

    // ---- dtype and device ------------------------------------------------------------------------

    public Tensor to(ScalarType dtype) => new(LibTorch.dn_to_dtype(Handle, (int)dtype));
    public Tensor to(Device device, bool non_blocking = false) => new(LibTorch.dn_to_device(Handle, (int)device.type, device.index, non_blocking ? 1 : 0));
    public Tensor to(ScalarType dtype, Device device)
    {
        using var moved = to(device);
        return moved.to(dtype);
    }
    public Tensor to(Tensor other) => to(other.dtype, other.device);
    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = -1) => to(new Device(DeviceType.CUDA, index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);
    public Tensor @int() => to(ScalarType.Int32);
    public Tensor @bool() => to(ScalarType.Bool);
    public Tensor half() => to(ScalarType.Float16);
    public Tensor bfloat16() => to(ScalarType.BFloat16);
}
