using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dino.Repro.Torch;

/// <summary>
/// Environment settings libtorch's native libraries read once, at their first use, so they are set before any tensor
/// work: when the kit's assembly is first touched (a module initializer) and again in <see cref="Runtime.Configure"/>.
/// <para>
/// <c>ONEDNN_MAX_CPU_ISA=SSE41</c>: on the AMD EPYC (AVX-512, virtual) machines this kit is built and tested on, oneDNN
/// 3.7.1's AVX-512 and AVX2 JIT convolution kernels (libtorch 2.10 runs CPU float32 convolutions, transposed ones and
/// their gradients through them) return wrong values, NaN among them, for many shapes: measured over 60 random conv and
/// conv-transpose configurations against float64, AVX-512 and AVX2 got 5 of 60 wrong (relative errors 0.3 to NaN),
/// SSE4.1 none (worst 3.5e-7). A DCGAN trained with them diverges to NaN. tests/Torch/ConvFloat32Tests checks shapes that
/// failed. The cost is speed (README, Benchmarks); a value the user set is kept.
/// </para>
/// </summary>
public static partial class NativeEnvironment
{
    /// <summary>The oneDNN instruction-set cap the kit sets unless ONEDNN_MAX_CPU_ISA is already set.</summary>
    public const string OneDnnIsaCap = "SSE41";

    private static int applied;

#pragma warning disable CA2255 // the kit is an application; its native settings must precede every tensor op
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => Apply();

    /// <summary>Sets the variables (once per process); later calls do nothing.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref applied, 1) == 1) return;
        // .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix: libc's setenv does.
        if (OperatingSystem.IsLinux()) setenv("ONEDNN_MAX_CPU_ISA", OneDnnIsaCap, overwrite: 0);
    }

    /// <summary>The value native code sees for <paramref name="name"/> (libc's getenv).</summary>
    public static string? NativeValue(string name) => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(getenv(name)) : null;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
