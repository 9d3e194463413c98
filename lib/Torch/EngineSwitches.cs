using System.Runtime.InteropServices;

namespace Dino.Repro.Torch;

/// <summary>
/// libtorch's global switches TorchSharp does not expose (<c>torch.use_deterministic_algorithms</c>,
/// <c>torch.backends.mkldnn.enabled</c>, <c>torch.backends.nnpack.enabled</c>): exported members of <c>at::Context</c>, called on
/// <c>at::globalContext()</c>.
/// They take and return plain bools, never throw, and exist in libtorch 2.x; a libtorch without them fails on first use
/// with <see cref="EntryPointNotFoundException"/>, which names the symbol.
/// </summary>
public static partial class EngineSwitches
{
    private const string Lib = "libtorch_cpu.so";

    /// <summary>
    /// torch.use_deterministic_algorithms: ops with a deterministic implementation use it, the others raise (no effect on
    /// the CPU kernels the kit runs, which are deterministic already; it matters for CUDA).
    /// </summary>
    public static bool DeterministicAlgorithms
    {
        get => deterministicAlgorithms(Context());
        set => setDeterministicAlgorithms(Context(), value, warnOnly: false);
    }

    /// <summary>torch.backends.mkldnn.enabled: whether CPU convolutions may run on oneDNN.</summary>
    public static bool Mkldnn
    {
        get => userEnabledMkldnn(Context());
        set => setUserEnabledMkldnn(Context(), value);
    }

    /// <summary>
    /// torch.backends.nnpack.enabled: whether CPU convolutions of batches of 16 or more may try NNPACK. Where NNPACK cannot
    /// start (these VMs: "Unsupported hardware") libtorch logs a warning at every such convolution and falls back anyway.
    /// </summary>
    public static bool Nnpack
    {
        get => userEnabledNNPACK(Context());
        set => setUserEnabledNNPACK(Context(), value);
    }

    private static IntPtr Context()
    {
        _ = torch.get_num_threads(); // TorchSharp loads libtorch on its first call; the calls below need it loaded
        return globalContext();
    }

    [LibraryImport(Lib, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr globalContext();

    [LibraryImport(Lib, EntryPoint = "_ZNK2at7Context23deterministicAlgorithmsEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool deterministicAlgorithms(IntPtr context);

    [LibraryImport(Lib, EntryPoint = "_ZN2at7Context26setDeterministicAlgorithmsEbb")]
    private static partial void setDeterministicAlgorithms(
        IntPtr context,
        [MarshalAs(UnmanagedType.U1)] bool on,
        [MarshalAs(UnmanagedType.U1)] bool warnOnly
    );

    [LibraryImport(Lib, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool userEnabledNNPACK(IntPtr context);

    [LibraryImport(Lib, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void setUserEnabledNNPACK(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    [LibraryImport(Lib, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool userEnabledMkldnn(IntPtr context);

    [LibraryImport(Lib, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void setUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);
}
