using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/jit.cpp (TorchScript modules).
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_jit_load(string path, int device_type, int device_index);
    [LibraryImport(Lib)] internal static partial void dn_jit_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr* dn_jit_forward(IntPtr h, IntPtr args, int* count, int* is_tuple);

    // A forward call's arguments: name null adds the next positional argument, otherwise a keyword argument.
    [LibraryImport(Lib)] internal static partial IntPtr dn_jit_args_new();
    [LibraryImport(Lib)] internal static partial void dn_jit_args_free(IntPtr h);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_tensor(IntPtr h, string? name, IntPtr tensor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_bool(IntPtr h, string? name, int value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_int(IntPtr h, string? name, long value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_double(IntPtr h, string? name, double value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_string(IntPtr h, string? name, string value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_jit_args_tensor_list(IntPtr h, string? name, IntPtr* tensors, int n);
}
