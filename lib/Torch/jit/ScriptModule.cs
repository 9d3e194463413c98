using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Jit;

/// <summary>
/// A TorchScript module loaded with <c>torch.jit.load</c>: a network exported from Python, run in eval mode
/// without autograd. Dispose it to free the native module.
/// </summary>
public sealed class ScriptModule : IDisposable
{
    private IntPtr handle;

    private ScriptModule(IntPtr handle, string path)
    {
        this.handle = handle;
        this.path = path;
    }

    ~ScriptModule() => Release();

    /// <summary>The file it was loaded from.</summary>
    public string path { get; }

    /// <summary>Loads a TorchScript archive (torch.jit.save) onto <paramref name="device"/> (CPU by default).</summary>
    public static ScriptModule load(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"TorchScript file not found: {full}", full);
        var dev = device ?? Device.CPU;
        var h = LibTorch.dn_jit_load(full, (int)dev.type, dev.index);
        if (h == IntPtr.Zero)
        {
            var message = NativeError.Take();
            throw new InvalidDataException($"'{full}' could not be loaded as a TorchScript module: {FirstLine(message)}", new TorchException(message));
        }
        return new ScriptModule(h, full);
    }

    /// <summary>Runs forward on tensor inputs; the module must return one tensor (use <see cref="forward_tuple(Tensor[])"/> otherwise).</summary>
    public Tensor forward(params Tensor[] inputs) => Single(Run(inputs, null));

    /// <summary>Runs forward on tensor inputs and returns every output tensor (a single-tensor result gives an array of one).</summary>
    public Tensor[] forward_tuple(params Tensor[] inputs) => Run(inputs, null).outputs;

    /// <summary>
    /// Runs forward(*args, **kwargs) — e.g. NVIDIA's Inception as
    /// <c>forward([img], new Dictionary&lt;string, object&gt; { ["return_features"] = true })</c>.
    /// Values may be Tensor, bool, int/long, float/double, string or a list of tensors; libtorch checks them
    /// against forward's signature (an unknown keyword or a wrong type is a <see cref="TorchException"/>) and
    /// fills the defaults of arguments left out. The module must return one tensor.
    /// </summary>
    public Tensor forward(IReadOnlyList<object> args, IReadOnlyDictionary<string, object>? kwargs = null) => Single(Run(args, kwargs));

    /// <summary>forward(*args, **kwargs) returning every output tensor (see <see cref="forward(IReadOnlyList{object}, IReadOnlyDictionary{string, object})"/>).</summary>
    public Tensor[] forward_tuple(IReadOnlyList<object> args, IReadOnlyDictionary<string, object>? kwargs = null) => Run(args, kwargs).outputs;

    private static Tensor Single((Tensor[] outputs, bool isTuple) result)
    {
        if (!result.isTuple) return result.outputs[0];
        foreach (var t in result.outputs) t.Dispose();
        throw new InvalidOperationException($"the TorchScript module returns a tuple of {result.outputs.Length} tensors; call forward_tuple");
    }

    private unsafe (Tensor[] outputs, bool isTuple) Run(IReadOnlyList<object> args, IReadOnlyDictionary<string, object>? kwargs)
    {
        using var arguments = ScriptArguments.From(args, kwargs);
        int count, isTuple;
        var array = LibTorch.dn_jit_forward(Handle, arguments.Handle, &count, &isTuple);
        if (array == null) throw NativeError.Exception();
        var outputs = new Tensor[count];
        for (var i = 0; i < count; i++) outputs[i] = new Tensor(array[i]);
        LibTorch.dn_free_handles(array);
        return (outputs, isTuple == 1);
    }

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(ScriptModule));

    // libtorch's loader messages carry a long C++ backtrace after the first line.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibTorch.dn_jit_free(h);
    }
}
