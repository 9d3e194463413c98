using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

/// <summary>
/// The <c>torch</c> namespace of PyTorch: factories, random state, grad mode, threads and device queries.
/// Write <c>using static Dino.Repro.Torch.torch;</c> to call <c>randn(...)</c>, <c>zeros(...)</c> as in Python.
/// </summary>
public static partial class torch
{
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = Device.CPU;
    public static readonly Device CUDA = Device.CUDA;

    /// <summary>The dtype that factories use when none is given (float32, as in PyTorch).</summary>
    public static ScalarType default_dtype { get; set; } = ScalarType.Float32;

    /// <summary>Opens a scope that frees every tensor made inside it when disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    // ---- factories -------------------------------------------------------------------------------

    private static unsafe Tensor Make(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requires_grad,
        delegate*<long*, int, int, int, int, IntPtr> factory)
    {
        var dev = device ?? Device.CPU;
        IntPtr h;
        fixed (long* s = size) h = factory(s, size.Length, (int)(dtype ?? default_dtype), (int)dev.type, dev.index);
        var t = new Tensor(h);
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Make(size, dtype, device, requires_grad, &LibTorch.dn_empty);
    public static unsafe Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Make(size, dtype, device, requires_grad, &LibTorch.dn_zeros);
    public static unsafe Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Make(size, dtype, device, requires_grad, &LibTorch.dn_ones);
    public static Tensor empty(params long[] size) => empty(size, null);
    public static Tensor zeros(params long[] size) => zeros(size, null);
    public static Tensor ones(params long[] size) => ones(size, null);

    public static unsafe Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var dev = device ?? Device.CPU;
        IntPtr h;
        fixed (long* s = size) h = LibTorch.dn_full(s, size.Length, value, (int)(dtype ?? default_dtype), (int)dev.type, dev.index);
        return new Tensor(h).requires_grad_(requires_grad);
    }

    public static unsafe Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        var dev = device ?? Device.CPU;
        IntPtr h;
        fixed (long* s = size) h = LibTorch.dn_randn(s, size.Length, (int)(dtype ?? default_dtype), (int)dev.type, dev.index, generator?.Handle ?? IntPtr.Zero);
        return new Tensor(h).requires_grad_(requires_grad);
    }

    public static unsafe Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        var dev = device ?? Device.CPU;
        IntPtr h;
        fixed (long* s = size) h = LibTorch.dn_rand(s, size.Length, (int)(dtype ?? default_dtype), (int)dev.type, dev.index, generator?.Handle ?? IntPtr.Zero);
        return new Tensor(h).requires_grad_(requires_grad);
    }

    public static Tensor randn(params long[] size) => randn(size, null);
    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var dev = device ?? Device.CPU;
        IntPtr h;
        fixed (long* s = size) h = LibTorch.dn_randint(low, high, s, size.Length, (int)(dtype ?? ScalarType.Int64), (int)dev.type, dev.index, generator?.Handle ?? IntPtr.Zero);
        return new Tensor(h);
    }

    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        randint(0, high, size, dtype, device, generator);

    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(LibTorch.dn_randperm(n, (int)(dtype ?? ScalarType.Int64), (int)dev.type, dev.index, generator?.Handle ?? IntPtr.Zero));
    }

    /// <summary>Values from start to end (exclusive) by step; integer arguments give int64 as in PyTorch.</summary>
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(LibTorch.dn_arange(start, end, step, (int)(dtype ?? ScalarType.Int64), (int)dev.type, dev.index));
    }

    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(LibTorch.dn_arange(start, end, step, (int)(dtype ?? default_dtype), (int)dev.type, dev.index));
    }

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(LibTorch.dn_linspace(start, end, steps, (int)(dtype ?? default_dtype), (int)dev.type, dev.index));
    }

    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null)
    {
        var dev = device ?? Device.CPU;
        return new Tensor(LibTorch.dn_eye(n, m ?? n, (int)(dtype ?? default_dtype), (int)dev.type, dev.index));
    }

    public static Tensor zeros_like(Tensor t, ScalarType? dtype = null) => zeros(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor ones_like(Tensor t, ScalarType? dtype = null) => ones(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor empty_like(Tensor t, ScalarType? dtype = null) => empty(t.shape, dtype ?? t.dtype, t.device);
    public static Tensor full_like(Tensor t, double value, ScalarType? dtype = null) => full(t.shape, value, dtype ?? t.dtype, t.device);
    public static Tensor randn_like(Tensor t, ScalarType? dtype = null, Generator? generator = null) => randn(t.shape, dtype ?? t.dtype, t.device, generator: generator);
    public static Tensor rand_like(Tensor t, ScalarType? dtype = null, Generator? generator = null) => rand(t.shape, dtype ?? t.dtype, t.device, generator: generator);

    // ---- from managed data (always copied) -------------------------------------------------------

    /// <summary>A tensor holding a copy of <paramref name="values"/>, shaped as <paramref name="shape"/> (default 1-d).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> values, long[]? shape = null, ScalarType? dtype = null, Device? device = null,
        bool requires_grad = false) where T : unmanaged
    {
        shape ??= new long[] { values.Length };
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"negative dimension {s} in shape [{string.Join(", ", shape)}]", nameof(shape));
            count *= s;
        }
        if (count != values.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements but {values.Length} values were given", nameof(shape));
        IntPtr h;
        fixed (T* p = values)
        fixed (long* s = shape)
            h = LibTorch.dn_from_data(p, s, shape.Length, (int)ScalarTypeExtensions.Of<T>());
        var t = new Tensor(h);
        if ((dtype is { } d && d != t.dtype) || (device is { } dev && dev != Device.CPU))
        {
            var converted = t.to(dtype ?? t.dtype, device ?? Device.CPU);
            t.Dispose();
            t = converted;
        }
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    public static Tensor tensor<T>(T[] values, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged => tensor<T>(values.AsSpan(), shape, dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,] values, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        var flat = new T[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, System.Runtime.InteropServices.Marshal.SizeOf<T>() * values.Length);
        return tensor<T>(flat, new long[] { values.GetLength(0), values.GetLength(1) }, dtype, device, requires_grad);
    }

    /// <summary>A 0-d tensor.</summary>
    public static Tensor scalar_tensor(double value, ScalarType? dtype = null, Device? device = null) =>
        full(Array.Empty<long>(), value, dtype, device);

    // ---- random state ----------------------------------------------------------------------------

    /// <summary>Seeds the default CPU generator (and every CUDA generator, when CUDA is present).</summary>
    public static void manual_seed(long seed)
    {
        NativeError.Check(LibTorch.dn_manual_seed((ulong)seed));
        NativeError.Check(LibTorch.dn_cuda_manual_seed_all((ulong)seed));
    }

    /// <summary>The state of the default CPU generator, for checkpoints.</summary>
    public static Tensor get_rng_state()
    {
        using var g = Generator.Default();
        return g.get_state();
    }

    public static void set_rng_state(Tensor state)
    {
        using var g = Generator.Default();
        g.set_state(state);
    }

    /// <summary>Makes libtorch use deterministic kernels (errors on ops that have none).</summary>
    public static void use_deterministic_algorithms(bool on) => NativeError.Check(LibTorch.dn_set_deterministic(on ? 1 : 0));

    // ---- threads and configuration ---------------------------------------------------------------

    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "thread count must be at least 1");
        NativeError.Check(LibTorch.dn_set_num_threads(n));
    }

    public static int get_num_threads() => NativeError.CheckValue(LibTorch.dn_get_num_threads(), -1);

    /// <summary>libtorch's build configuration (BLAS, LAPACK, OpenMP, CUDA), as <c>torch.__config__.show()</c>.</summary>
    public static unsafe string config_show()
    {
        var length = NativeError.CheckValue(LibTorch.dn_config(null, 0), -1);
        var buffer = new byte[length + 1];
        fixed (byte* p = buffer) LibTorch.dn_config(p, buffer.Length);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    public static class cuda
    {
        /// <summary>False on a CPU-only libtorch: never an error.</summary>
        public static bool is_available() => LibTorch.dn_cuda_is_available() == 1;
        public static int device_count() => LibTorch.dn_cuda_device_count();

        /// <summary>The state of device <paramref name="device"/>'s default CUDA generator (a CPU uint8 tensor), for checkpoints.</summary>
        public static Tensor get_rng_state(int device = 0)
        {
            using var g = Generator.DefaultCuda(device);
            return g.get_state();
        }

        public static void set_rng_state(Tensor state, int device = 0)
        {
            using var g = Generator.DefaultCuda(device);
            g.set_state(state);
        }
    }

    // ---- grad mode -------------------------------------------------------------------------------

    public static bool is_grad_enabled() => NativeError.CheckValue(LibTorch.dn_is_grad_enabled(), -1) == 1;

    /// <summary>Disables gradient recording until disposed (restores the previous mode).</summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Enables gradient recording until disposed (restores the previous mode).</summary>
    public static GradModeScope enable_grad() => new(true);

    public static GradModeScope set_grad_enabled(bool on) => new(on);

    public readonly struct GradModeScope : IDisposable
    {
        private readonly bool previous;

        internal GradModeScope(bool enabled)
        {
            previous = is_grad_enabled();
            NativeError.Check(LibTorch.dn_set_grad_enabled(enabled ? 1 : 0));
        }

        public void Dispose() => LibTorch.dn_set_grad_enabled(previous ? 1 : 0);
    }
}
