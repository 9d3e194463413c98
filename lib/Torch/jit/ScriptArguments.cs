using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Jit;

/// <summary>
/// The native argument list of one TorchScript call: positional values, then keyword values, each turned into
/// the IValue its C# type stands for — Tensor, bool, int/long (TorchScript int), float/double (TorchScript
/// float), string (str) and a sequence of tensors (List[Tensor]). Anything else is refused before the call.
/// </summary>
internal sealed class ScriptArguments : IDisposable
{
    private IntPtr handle;

    private ScriptArguments(IntPtr handle) => this.handle = handle;

    public IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(ScriptArguments));

    public static ScriptArguments From(IReadOnlyList<object> args, IReadOnlyDictionary<string, object>? kwargs)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = new ScriptArguments(NativeError.Check(LibTorch.dn_jit_args_new()));
        try
        {
            for (var i = 0; i < args.Count; i++) list.Add(null, args[i], $"argument {i}");
            foreach (var (name, value) in kwargs ?? new Dictionary<string, object>())
            {
                ArgumentException.ThrowIfNullOrEmpty(name, nameof(kwargs));
                list.Add(name, value, $"keyword argument '{name}'");
            }
            return list;
        }
        catch
        {
            list.Dispose();
            throw;
        }
    }

    private unsafe void Add(string? name, object value, string what)
    {
        var status = value switch
        {
            Tensor t => LibTorch.dn_jit_args_tensor(Handle, name, t.Handle),
            bool b => LibTorch.dn_jit_args_bool(Handle, name, b ? 1 : 0),
            int or long => LibTorch.dn_jit_args_int(Handle, name, Convert.ToInt64(value)),
            float or double => LibTorch.dn_jit_args_double(Handle, name, Convert.ToDouble(value)),
            string s => LibTorch.dn_jit_args_string(Handle, name, s),
            IEnumerable<Tensor> ts => AddTensorList(name, ts),
            null => throw new ArgumentNullException(what, $"{what} is null; TorchScript None is not supported"),
            _ => throw new ArgumentException($"{what} is a {value.GetType().Name}; a TorchScript call takes Tensor, bool, int, long, float, double, string or a list of tensors"),
        };
        NativeError.Check(status);
    }

    private unsafe int AddTensorList(string? name, IEnumerable<Tensor> tensors)
    {
        var handles = tensors.Select(t => t.Handle).ToArray();
        fixed (IntPtr* h = handles) return LibTorch.dn_jit_args_tensor_list(Handle, name, h, handles.Length);
    }

    public void Dispose()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibTorch.dn_jit_args_free(h);
    }
}
