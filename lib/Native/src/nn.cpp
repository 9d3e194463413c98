// Layers of torch.nn: linear, convolution, normalisation, dropout, pooling, interpolation, activations,
// and the QR decomposition that orthogonal init needs. Spatial ops take `nd` (1, 2 or 3) plus arrays of
// length nd, so one export serves each family.
#include "shim.h"
#include "conv_transpose.h"

using namespace dn;

namespace {
inline at::Tensor& M(TensorH h) { return const_cast<at::Tensor&>(T(h)); }
inline c10::optional<at::ScalarType> optdt(int dt) {
    return dt < 0 ? c10::nullopt : c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dt));
}
inline void check_nd(int nd) { TORCH_CHECK(nd >= 1 && nd <= 3, "spatial dimensionality must be 1, 2 or 3, got ", nd); }

// at::convolution needs a batch dim; PyTorch's conv*d also take unbatched (C, *spatial) input.
template <class F>
at::Tensor batched(const at::Tensor& x, int nd, F&& body) {
    if (x.dim() == nd + 1) return body(x.unsqueeze(0)).squeeze(0);
    return body(x);
}
}  // namespace

// ---- linear and convolution -----------------------------------------------------------------------

DN_EXPORT TensorH dn_linear(TensorH x, TensorH w, TensorH b) { return tensor_guard([&] { return at::linear(T(x), T(w), opt(b)); }); }

// Convolution and transposed convolution (weight: [out, in/groups, k...] or [in, out/groups, k...]).
DN_EXPORT TensorH dn_convolution(TensorH x, TensorH w, TensorH b, int nd, const int64_t* stride, const int64_t* padding,
                                 const int64_t* dilation, int transposed, const int64_t* output_padding, int64_t groups) {
    return tensor_guard([&] {
        check_nd(nd);
        return batched(T(x), nd, [&](const at::Tensor& in) {
            if (transposed && in.device().is_cpu() && dn::conv_transpose_via_adjoint()) {
                return dn::conv_transpose_adjoint(in, T(w), opt(b), ints(stride, nd), ints(padding, nd), ints(output_padding, nd),
                                                  ints(dilation, nd), groups);
            }
            return at::convolution(in, T(w), opt(b), ints(stride, nd), ints(padding, nd), ints(dilation, nd), transposed != 0,
                                   ints(output_padding, nd), groups);
        });
    });
}

// Convolution with padding "same" or "valid" (PyTorch's string padding; "same" may pad asymmetrically).
DN_EXPORT TensorH dn_convolution_padding(TensorH x, TensorH w, TensorH b, int nd, const int64_t* stride, const char* padding,
                                         const int64_t* dilation, int64_t groups) {
    return tensor_guard([&] {
        check_nd(nd);
        c10::string_view pad(padding);
        if (nd == 1) return at::conv1d(T(x), T(w), opt(b), ints(stride, nd), pad, ints(dilation, nd), groups);
        if (nd == 2) return at::conv2d(T(x), T(w), opt(b), ints(stride, nd), pad, ints(dilation, nd), groups);
        return at::conv3d(T(x), T(w), opt(b), ints(stride, nd), pad, ints(dilation, nd), groups);
    });
}

// ---- normalisation --------------------------------------------------------------------------------

// Updates running_mean/running_var in place when training and they are given (momentum-weighted, unbiased var).
DN_EXPORT TensorH dn_batch_norm(TensorH x, TensorH w, TensorH b, TensorH rm, TensorH rv, int training, double momentum, double eps) {
    return tensor_guard([&] { return at::batch_norm(T(x), opt(w), opt(b), opt(rm), opt(rv), training != 0, momentum, eps, true); });
}
DN_EXPORT TensorH dn_instance_norm(TensorH x, TensorH w, TensorH b, TensorH rm, TensorH rv, int use_input_stats, double momentum,
                                   double eps) {
    return tensor_guard([&] {
        return at::instance_norm(T(x), opt(w), opt(b), opt(rm), opt(rv), use_input_stats != 0, momentum, eps, true);
    });
}
DN_EXPORT TensorH dn_layer_norm(TensorH x, const int64_t* shape, int n, TensorH w, TensorH b, double eps) {
    return tensor_guard([&] { return at::layer_norm(T(x), ints(shape, n), opt(w), opt(b), eps, true); });
}
DN_EXPORT TensorH dn_group_norm(TensorH x, int64_t groups, TensorH w, TensorH b, double eps) {
    return tensor_guard([&] { return at::group_norm(T(x), groups, opt(w), opt(b), eps, true); });
}

// ---- dropout --------------------------------------------------------------------------------------

// feature = 1 zeroes whole channels (Dropout2d/3d); inplace = 1 overwrites x and returns it.
DN_EXPORT TensorH dn_dropout(TensorH x, double p, int train, int feature, int inplace) {
    return tensor_guard([&] {
        if (inplace) return feature ? at::feature_dropout_(M(x), p, train != 0) : at::dropout_(M(x), p, train != 0);
        return feature ? at::feature_dropout(T(x), p, train != 0) : at::dropout(T(x), p, train != 0);
    });
}

// ---- pooling --------------------------------------------------------------------------------------

DN_EXPORT TensorH dn_avg_pool(TensorH x, int nd, const int64_t* kernel, const int64_t* stride, const int64_t* padding, int ceil_mode,
                              int count_include_pad, int64_t divisor, int has_divisor) {
    return tensor_guard([&] {
        check_nd(nd);
        auto k = ints(kernel, nd), s = ints(stride, nd), p = ints(padding, nd);
        auto div = has_divisor ? c10::optional<int64_t>(divisor) : c10::nullopt;
        TORCH_CHECK(nd != 1 || !has_divisor, "avg_pool1d has no divisor_override");
        if (nd == 1) return at::avg_pool1d(T(x), k, s, p, ceil_mode != 0, count_include_pad != 0);
        if (nd == 2) return at::avg_pool2d(T(x), k, s, p, ceil_mode != 0, count_include_pad != 0, div);
        return at::avg_pool3d(T(x), k, s, p, ceil_mode != 0, count_include_pad != 0, div);
    });
}
DN_EXPORT TensorH dn_max_pool(TensorH x, int nd, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                              const int64_t* dilation, int ceil_mode) {
    return tensor_guard([&] {
        check_nd(nd);
        auto k = ints(kernel, nd), s = ints(stride, nd), p = ints(padding, nd), d = ints(dilation, nd);
        if (nd == 1) return at::max_pool1d(T(x), k, s, p, d, ceil_mode != 0);
        if (nd == 2) return at::max_pool2d(T(x), k, s, p, d, ceil_mode != 0);
        return at::max_pool3d(T(x), k, s, p, d, ceil_mode != 0);
    });
}
DN_EXPORT TensorH dn_adaptive_avg_pool(TensorH x, int nd, const int64_t* size) {
    return tensor_guard([&] {
        check_nd(nd);
        if (nd == 1) return at::adaptive_avg_pool1d(T(x), ints(size, nd));
        if (nd == 2) return at::adaptive_avg_pool2d(T(x), ints(size, nd));
        return at::adaptive_avg_pool3d(T(x), ints(size, nd));
    });
}

// ---- interpolation --------------------------------------------------------------------------------

// Exactly one of size (nsize = nd) and scales (nscales = nd) is given; the other count is 0. Scales are passed
// to the kernel as F.interpolate does (recompute_scale_factor=None), so coordinates follow the scale.
DN_EXPORT TensorH dn_interpolate(TensorH x, const char* mode, const int64_t* size, int nsize, const double* scales, int nscales,
                                 int align_corners) {
    return tensor_guard([&] {
        const auto& in = T(x);
        int nd = static_cast<int>(in.dim()) - 2;
        check_nd(nd);
        at::OptionalIntArrayRef out = nsize > 0 ? at::OptionalIntArrayRef(ints(size, nsize)) : c10::nullopt;
        c10::optional<at::ArrayRef<double>> sc =
            nscales > 0 ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(scales, static_cast<size_t>(nscales))) : c10::nullopt;
        std::string m(mode);
        bool ac = align_corners != 0;
        if (m == "nearest") {
            if (nd == 1) return at::upsample_nearest1d(in, out, sc);
            if (nd == 2) return at::upsample_nearest2d(in, out, sc);
            return at::upsample_nearest3d(in, out, sc);
        }
        if (m == "nearest-exact") {
            if (nd == 1) return at::_upsample_nearest_exact1d(in, out, sc);
            if (nd == 2) return at::_upsample_nearest_exact2d(in, out, sc);
            return at::_upsample_nearest_exact3d(in, out, sc);
        }
        if (m == "linear" && nd == 1) return at::upsample_linear1d(in, out, ac, sc);
        if (m == "bilinear" && nd == 2) return at::upsample_bilinear2d(in, out, ac, sc);
        if (m == "bicubic" && nd == 2) return at::upsample_bicubic2d(in, out, ac, sc);
        if (m == "trilinear" && nd == 3) return at::upsample_trilinear3d(in, out, ac, sc);
        TORCH_CHECK(false, "interpolate: mode '", m, "' does not support ", in.dim(), "-d input");
    });
}

// ---- activations ----------------------------------------------------------------------------------

DN_EXPORT TensorH dn_leaky_relu(TensorH x, double slope, int inplace) {
    return tensor_guard([&] { return inplace ? at::leaky_relu_(M(x), slope) : at::leaky_relu(T(x), slope); });
}
DN_EXPORT TensorH dn_elu(TensorH x, double alpha, int inplace) {
    return tensor_guard([&] { return inplace ? at::elu_(M(x), alpha) : at::elu(T(x), alpha); });
}
DN_EXPORT TensorH dn_hardtanh(TensorH x, double min_val, double max_val, int inplace) {
    return tensor_guard([&] { return inplace ? at::hardtanh_(M(x), min_val, max_val) : at::hardtanh(T(x), min_val, max_val); });
}
DN_EXPORT TensorH dn_gelu(TensorH x, const char* approximate) {
    return tensor_guard([&] { return at::gelu(T(x), c10::string_view(approximate)); });
}
DN_EXPORT TensorH dn_glu(TensorH x, int64_t dim) { return tensor_guard([&] { return at::glu(T(x), dim); }); }
DN_EXPORT TensorH dn_softplus(TensorH x, double beta, double threshold) {
    return tensor_guard([&] { return at::softplus(T(x), beta, threshold); });
}
DN_EXPORT TensorH dn_softmax(TensorH x, int64_t dim, int dt) { return tensor_guard([&] { return at::softmax(T(x), dim, optdt(dt)); }); }
DN_EXPORT TensorH dn_log_softmax(TensorH x, int64_t dim, int dt) {
    return tensor_guard([&] { return at::log_softmax(T(x), dim, optdt(dt)); });
}

// ---- linear algebra for init ----------------------------------------------------------------------

// mode: "reduced", "complete" or "r" (torch.linalg.qr).
DN_EXPORT int dn_linalg_qr(TensorH a, const char* mode, TensorH* q, TensorH* r) {
    return void_guard([&] {
        auto result = at::linalg_qr(T(a), c10::string_view(mode));
        *q = new at::Tensor(std::get<0>(result));
        *r = new at::Tensor(std::get<1>(result));
    });
}
