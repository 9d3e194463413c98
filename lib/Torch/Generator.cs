using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

/// <summary>A random-number generator (CPU mt19937, as in PyTorch); pass it to factories and init.</summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;

    public Generator(long seed = 67280421310721) => handle = NativeError.Check(LibTorch.dn_generator_new((ulong)seed));

    private Generator(IntPtr handle) => this.handle = NativeError.Check(handle);

    /// <summary>A view of the process-wide default CPU generator (seeded by <c>torch.manual_seed</c>).</summary>
    public static Generator Default() => new(LibTorch.dn_generator_default());

    /// <summary>A view of CUDA device <paramref name="device"/>'s default generator; a <see cref="TorchException"/> without CUDA.</summary>
    public static Generator DefaultCuda(int device) => new(LibTorch.dn_cuda_generator_default(device));

    ~Generator() => Release();

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    public Generator manual_seed(long seed)
    {
        NativeError.Check(LibTorch.dn_generator_manual_seed(Handle, (ulong)seed));
        return this;
    }

    public long initial_seed() => (long)LibTorch.dn_generator_initial_seed(Handle);

    /// <summary>The full generator state as a uint8 tensor (restorable with <see cref="set_state"/>).</summary>
    public Tensor get_state() => new(LibTorch.dn_generator_get_state(Handle));

    public void set_state(Tensor state) => NativeError.Check(LibTorch.dn_generator_set_state(Handle, state.Handle));

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibTorch.dn_generator_free(h);
    }
}
