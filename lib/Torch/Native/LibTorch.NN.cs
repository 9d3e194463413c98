using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/nn.cpp.
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib)] internal static partial IntPtr dn_linear(IntPtr x, IntPtr w, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr dn_convolution(IntPtr x, IntPtr w, IntPtr b, int nd, long* stride, long* padding, long* dilation, int transposed, long* output_padding, long groups);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_convolution_padding(IntPtr x, IntPtr w, IntPtr b, int nd, long* stride, string padding, long* dilation, long groups);
    [LibraryImport(Lib)] internal static partial IntPtr dn_batch_norm(IntPtr x, IntPtr w, IntPtr b, IntPtr rm, IntPtr rv, int training, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr dn_instance_norm(IntPtr x, IntPtr w, IntPtr b, IntPtr rm, IntPtr rv, int use_input_stats, double momentum, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr dn_layer_norm(IntPtr x, long* shape, int n, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr dn_group_norm(IntPtr x, long groups, IntPtr w, IntPtr b, double eps);
    [LibraryImport(Lib)] internal static partial IntPtr dn_dropout(IntPtr x, double p, int train, int feature, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr dn_avg_pool(IntPtr x, int nd, long* kernel, long* stride, long* padding, int ceil_mode, int count_include_pad, long divisor, int has_divisor);
    [LibraryImport(Lib)] internal static partial IntPtr dn_max_pool(IntPtr x, int nd, long* kernel, long* stride, long* padding, long* dilation, int ceil_mode);
    [LibraryImport(Lib)] internal static partial IntPtr dn_adaptive_avg_pool(IntPtr x, int nd, long* size);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_interpolate(IntPtr x, string mode, long* size, int nsize, double* scales, int nscales, int align_corners);
    [LibraryImport(Lib)] internal static partial IntPtr dn_leaky_relu(IntPtr x, double slope, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr dn_elu(IntPtr x, double alpha, int inplace);
    [LibraryImport(Lib)] internal static partial IntPtr dn_hardtanh(IntPtr x, double min_val, double max_val, int inplace);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_gelu(IntPtr x, string approximate);
    [LibraryImport(Lib)] internal static partial IntPtr dn_glu(IntPtr x, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr dn_softplus(IntPtr x, double beta, double threshold);
    [LibraryImport(Lib)] internal static partial IntPtr dn_softmax(IntPtr x, long dim, int dt);
    [LibraryImport(Lib)] internal static partial IntPtr dn_log_softmax(IntPtr x, long dim, int dt);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int dn_linalg_qr(IntPtr a, string mode, out IntPtr q, out IntPtr r);
}
