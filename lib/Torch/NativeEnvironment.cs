using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dino.Repro.Torch;

/// <summary>
/// Engine settings the kit makes before any tensor work: when the kit's assembly is first touched (a module initializer)
/// and again in <see cref="Runtime.Configure"/>.
/// <para>
/// On the AMD EPYC (AVX-512, virtual) machines this kit is built and tested on, oneDNN 3.7.1's JIT convolution kernels
/// (libtorch 2.10 runs CPU float32 convolutions, transposed ones and their gradients through them) returned wrong values,
/// NaN among them, for many shapes: measured over 60 random conv and conv-transpose configurations against float64, the
/// AVX-512, AVX2 and AVX kernels got 5, 5 and 24 wrong (relative errors 0.3 to NaN); a DCGAN trained with them diverged
/// to NaN at its first step. Two settings, each enough on its own, both applied:
/// </para>
/// <list type="bullet">
/// <item><c>torch.backends.mkldnn.enabled = False</c> (<see cref="EngineSwitches.Mkldnn"/>): convolutions run on ATen's
/// own kernels (im2col + MKL sgemm): 0 of 60 wrong, and the faster of the two (pix2pix U-Net step 985 ms against 1,245).</item>
/// <item><c>ONEDNN_MAX_CPU_ISA=SSE41</c> for whatever still reaches oneDNN: its SSE4.1 kernels got 0 of 60 wrong. Read by
/// oneDNN once, at its first use, so it is set through libc's <c>setenv</c> before libtorch loads; a value the user set
/// is kept.</item>
/// </list>
/// tests/Torch/ConvFloat32Tests checks shapes that failed. <c>DINO_ONEDNN=1</c> leaves oneDNN on (for timing it).
/// NNPACK is switched off too (<see cref="EngineSwitches.Nnpack"/>).
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
        if (Interlocked.Exchange(ref applied, 1) == 1)
            return;
        // .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix: libc's setenv does.
        if (OperatingSystem.IsLinux())
            setenv("ONEDNN_MAX_CPU_ISA", OneDnnIsaCap, overwrite: 0);
        if (Environment.GetEnvironmentVariable("DINO_ONEDNN") != "1")
            EngineSwitches.Mkldnn = false;
        // NNPACK cannot start on these VMs and libtorch warns at every batch-16 convolution before falling back; the
        // kernels used are the same with it off, and the output stays readable.
        EngineSwitches.Nnpack = false;
    }

    /// <summary>The value native code sees for <paramref name="name"/> (libc's getenv).</summary>
    public static string? NativeValue(string name) => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(getenv(name)) : null;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
