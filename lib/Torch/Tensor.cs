using System.Runtime.InteropServices;
using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

/// <summary>
/// A libtorch tensor. It owns one native handle (a reference to an <c>at::Tensor</c>), freed by
/// <see cref="Dispose()"/> or by the innermost <see cref="DisposeScope"/> open when it was created;
/// the finaliser is only a backstop.
/// </summary>
public partial class Tensor : IDisposable
{
    private static long liveCount;
    private IntPtr handle;

    /// <summary>Takes ownership of a new native handle and registers it with the current dispose scope.</summary>
    internal Tensor(IntPtr handle) : this(handle, attachToScope: true) { }

    internal Tensor(IntPtr handle, bool attachToScope)
    {
        this.handle = NativeError.Check(handle);
        Interlocked.Increment(ref liveCount);
        if (attachToScope) DisposeScope.Current?.Attach(this);
    }

    ~Tensor() => Release();

    /// <summary>Tensors created and not yet freed, on all threads: a leak shows as a count that keeps growing.</summary>
    public static long LiveCount => Interlocked.Read(ref liveCount);

    internal DisposeScope? OwningScope { get; set; }

    /// <summary>True once the native tensor has been freed.</summary>
    public bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native handle; throws if the tensor was disposed.</summary>
    public IntPtr Handle => handle != IntPtr.Zero
        ? handle
        : throw new ObjectDisposedException(nameof(Tensor), "The tensor has been disposed; its native memory is already freed.");

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        // Exchange makes the free happen once even if Dispose races the finaliser.
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h == IntPtr.Zero) return;
        LibTorch.dn_free(h);
        Interlocked.Decrement(ref liveCount);
    }

    /// <summary>
    /// Takes the native handle away from this wrapper (which becomes invalid) without freeing it:
    /// used to hand a tensor's storage to a <see cref="Parameter"/>.
    /// </summary>
    internal IntPtr StealHandle()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h == IntPtr.Zero) throw new ObjectDisposedException(nameof(Tensor), "The tensor has been disposed; its native memory is already freed.");
        Interlocked.Decrement(ref liveCount);
        GC.SuppressFinalize(this);
        return h;
    }

    /// <summary>Points this wrapper at another native tensor, freeing the old one (Module.to swaps data this way).</summary>
    internal void ReplaceHandle(IntPtr newHandle)
    {
        NativeError.Check(newHandle);
        var old = Interlocked.Exchange(ref handle, newHandle);
        if (old != IntPtr.Zero) LibTorch.dn_free(old);
        else Interlocked.Increment(ref liveCount);
    }

    /// <summary>Moves this tensor to the scope enclosing the current one (or out of all scopes).</summary>
    public Tensor MoveToOuterDisposeScope() => OwningScope?.MoveToOuter(this) ?? this;

    /// <summary>Removes this tensor from every dispose scope: the caller disposes it.</summary>
    public Tensor DetachFromDisposeScope() => OwningScope?.Detach(this) ?? this;

    // ---- metadata --------------------------------------------------------------------------------

    public int dim() => NativeError.CheckValue(LibTorch.dn_dim(Handle), -1);
    public int ndim => dim();
    public long numel() => NativeError.CheckValue(LibTorch.dn_numel(Handle), -1L);

    public unsafe long[] shape
    {
        get
        {
            var result = new long[dim()];
            fixed (long* p = result) NativeError.Check(LibTorch.dn_shape(Handle, p));
            return result;
        }
    }

    public long size(int dimension)
    {
        var s = shape;
        var d = dimension < 0 ? dimension + s.Length : dimension;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dimension), $"dimension {dimension} is out of range for a {s.Length}-d tensor");
        return s[d];
    }

    public unsafe long[] stride()
    {
        var result = new long[dim()];
        fixed (long* p = result) NativeError.Check(LibTorch.dn_strides(Handle, p));
        return result;
    }

    public ScalarType dtype => (ScalarType)NativeError.CheckValue(LibTorch.dn_dtype(Handle), -1);

    public Device device => new(
        (DeviceType)NativeError.CheckValue(LibTorch.dn_device_type(Handle), -1),
        NativeError.CheckValue(LibTorch.dn_device_index(Handle), -2));

    public bool is_contiguous() => NativeError.CheckValue(LibTorch.dn_is_contiguous(Handle), -1) == 1;
    public int element_size() => NativeError.CheckValue(LibTorch.dn_element_size(Handle), -1);
    public bool is_floating_point() => dtype.IsFloatingPoint();

    /// <summary>True when both tensors view the same storage (e.g. a view and its base).</summary>
    public bool SharesStorageWith(Tensor other) =>
        LibTorch.dn_storage_id(Handle) == LibTorch.dn_storage_id(other.Handle);

    // ---- values out ------------------------------------------------------------------------------

    /// <summary>Copies the values (C order) into a new managed array; the element type must match the dtype.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        var expected = ScalarTypeExtensions.Of<T>();
        var actual = dtype;
        if (expected != actual)
            throw new InvalidOperationException($"ToArray<{typeof(T).Name}> needs a {expected.TorchName()} tensor but this one is {actual.TorchName()}; convert it with .to(...) first");
        var result = new T[numel()];
        fixed (T* p = result) NativeError.Check(LibTorch.dn_copy_to(Handle, p, (long)result.Length * sizeof(T)));
        return result;
    }

    /// <summary>Overwrites the values from a managed span of matching dtype and length.</summary>
    public unsafe Tensor CopyFrom<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (ScalarTypeExtensions.Of<T>() != dtype)
            throw new InvalidOperationException($"CopyFrom<{typeof(T).Name}> needs a {ScalarTypeExtensions.Of<T>().TorchName()} tensor but this one is {dtype.TorchName()}");
        fixed (T* p = values) NativeError.Check(LibTorch.dn_copy_from(Handle, p, (long)values.Length * sizeof(T)));
        return this;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        var n = numel();
        if (n != 1) throw new InvalidOperationException($"item() needs a tensor with one element, but this one has {n}");
        object value = typeof(T) == typeof(double) ? LibTorch.dn_item_double(Handle)
            : typeof(T) == typeof(float) ? (float)LibTorch.dn_item_double(Handle)
            : typeof(T) == typeof(long) ? LibTorch.dn_item_long(Handle)
            : typeof(T) == typeof(int) ? (int)LibTorch.dn_item_long(Handle)
            : typeof(T) == typeof(bool) ? LibTorch.dn_item_long(Handle) != 0
            : typeof(T) == typeof(byte) ? (byte)LibTorch.dn_item_long(Handle)
            : throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
        var message = NativeError.Take();
        if (message.Length > 0) throw new TorchException(message);
        return (T)value;
    }

    // ---- autograd --------------------------------------------------------------------------------

    public bool requires_grad
    {
        get => NativeError.CheckValue(LibTorch.dn_requires_grad(Handle), -1) == 1;
        set => NativeError.Check(LibTorch.dn_set_requires_grad(Handle, value ? 1 : 0));
    }

    public Tensor requires_grad_(bool on = true)
    {
        requires_grad = on;
        return this;
    }

    public bool is_leaf => NativeError.CheckValue(LibTorch.dn_is_leaf(Handle), -1) == 1;

    /// <summary>The accumulated gradient (a new handle each read, owned by the current scope), or null.</summary>
    public Tensor? grad
    {
        get
        {
            var g = NativeError.CheckOptional(LibTorch.dn_grad(Handle));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => NativeError.Check(LibTorch.dn_set_grad(Handle, value?.Handle ?? IntPtr.Zero));
    }

    public void retain_grad() => NativeError.Check(LibTorch.dn_retain_grad(Handle));

    /// <summary>The name of the autograd node that made this tensor ("" for leaves), e.g. "AddBackward0".</summary>
    public unsafe string grad_fn_name
    {
        get
        {
            var buffer = stackalloc byte[256];
            var n = NativeError.CheckValue(LibTorch.dn_grad_fn_name(Handle, buffer, 256), -1);
            return Marshal.PtrToStringUTF8((IntPtr)buffer, Math.Min(n, 255));
        }
    }

    /// <summary>A second handle to the same tensor (same storage, same autograd identity).</summary>
    public Tensor alias() => new(LibTorch.dn_alias(Handle));

    public Tensor detach() => new(LibTorch.dn_detach(Handle));
    public Tensor detach_()
    {
        NativeError.Check(LibTorch.dn_detach_(Handle));
        return this;
    }

    /// <summary>Back-propagates from this tensor (a scalar, or with an explicit gradient).</summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false) =>
        torch.autograd.backward(new[] { this }, gradient is null ? null : new[] { gradient }, retain_graph, create_graph);
}
