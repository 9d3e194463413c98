using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/jit.cpp (TorchScript modules).
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_jit_load(string path, int device_type, int device_index);
    [LibraryImport(Lib)] internal static partial void dn_jit_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr* dn_jit_forward(IntPtr h, IntPtr* inputs, int n, int* count, int* is_tuple);
}
