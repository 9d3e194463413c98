using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/core.cpp; one partial file per native translation unit.
internal static unsafe partial class LibTorch
{
    private const string Lib = NativeLibraryResolver.LibraryName;

    [LibraryImport(Lib)] internal static partial IntPtr dn_last_error();
    [LibraryImport(Lib)] internal static partial void dn_clear_error();
    [LibraryImport(Lib)] internal static partial int dn_test_throw(int kind);
    [LibraryImport(Lib)] internal static partial void dn_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial void dn_free_handles(IntPtr* arr);
    [LibraryImport(Lib)] internal static partial IntPtr dn_alias(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_defined(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_dim(IntPtr h);
    [LibraryImport(Lib)] internal static partial long dn_numel(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_shape(IntPtr h, long* @out);
    [LibraryImport(Lib)] internal static partial int dn_strides(IntPtr h, long* @out);
    [LibraryImport(Lib)] internal static partial int dn_dtype(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_device_type(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_device_index(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_is_contiguous(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_element_size(IntPtr h);
    [LibraryImport(Lib)] internal static partial long dn_storage_id(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr dn_from_data(void* data, long* shape, int ndim, int dtype);
    [LibraryImport(Lib)] internal static partial int dn_copy_to(IntPtr h, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int dn_copy_from(IntPtr h, void* src, long nbytes);
    [LibraryImport(Lib)] internal static partial double dn_item_double(IntPtr h);
    [LibraryImport(Lib)] internal static partial long dn_item_long(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr dn_empty(long* s, int n, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_zeros(long* s, int n, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_ones(long* s, int n, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_full(long* s, int n, double value, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_randn(long* s, int n, int dt, int dev, int di, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr dn_rand(long* s, int n, int dt, int dev, int di, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr dn_randint(long low, long high, long* s, int n, int dt, int dev, int di, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr dn_randperm(long n, int dt, int dev, int di, IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr dn_arange(double start, double end, double step, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_linspace(double start, double end, long steps, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_eye(long n, long m, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial int dn_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr dn_generator_new(ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr dn_generator_default();
    [LibraryImport(Lib)] internal static partial void dn_generator_free(IntPtr g);
    [LibraryImport(Lib)] internal static partial int dn_generator_manual_seed(IntPtr g, ulong seed);
    [LibraryImport(Lib)] internal static partial ulong dn_generator_initial_seed(IntPtr g);
    [LibraryImport(Lib)] internal static partial IntPtr dn_generator_get_state(IntPtr g);
    [LibraryImport(Lib)] internal static partial int dn_generator_set_state(IntPtr g, IntPtr state);
    [LibraryImport(Lib)] internal static partial int dn_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int dn_get_num_threads();
    [LibraryImport(Lib)] internal static partial int dn_set_num_interop_threads(int n);
    [LibraryImport(Lib)] internal static partial int dn_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int dn_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int dn_cuda_manual_seed_all(ulong seed);
    [LibraryImport(Lib)] internal static partial IntPtr dn_cuda_generator_default(int device);
    [LibraryImport(Lib)] internal static partial int dn_set_deterministic(int on);
    [LibraryImport(Lib)] internal static partial int dn_config(byte* buf, int len);
    [LibraryImport(Lib)] internal static partial int dn_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial int dn_set_grad_enabled(int on);
    [LibraryImport(Lib)] internal static partial int dn_requires_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_set_requires_grad(IntPtr h, int on);
    [LibraryImport(Lib)] internal static partial int dn_is_leaf(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr dn_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_set_grad(IntPtr h, IntPtr g);
    [LibraryImport(Lib)] internal static partial int dn_retain_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_grad_fn_name(IntPtr h, byte* buf, int len);
    [LibraryImport(Lib)] internal static partial IntPtr dn_detach(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_detach_(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_backward(IntPtr* outs, int n, IntPtr* grads, int ng, int retain_graph, int create_graph);
    [LibraryImport(Lib)] internal static partial IntPtr* dn_autograd_grad(IntPtr* outs, int n, IntPtr* ins, int ni, IntPtr* grads, int ng, int retain_graph, int create_graph, int allow_unused, int* count);
}
