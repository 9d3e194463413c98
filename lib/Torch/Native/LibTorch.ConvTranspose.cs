using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/conv_transpose.cpp.
internal static partial class LibTorch
{
    [LibraryImport(Lib)] internal static partial int dn_set_conv_transpose_via_adjoint(int on);
    [LibraryImport(Lib)] internal static partial int dn_get_conv_transpose_via_adjoint();
}
