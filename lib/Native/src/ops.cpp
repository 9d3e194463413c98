// Tensor operations: arithmetic, comparisons, math, reductions, shape, indexing, linear algebra.
#include "shim.h"

using namespace dn;

namespace {
// A scalar crosses as a double plus a flag: integers stay integers so `int_tensor + 2` keeps its dtype.
inline at::Scalar S(double v, int is_int) { return is_int ? at::Scalar(static_cast<int64_t>(v)) : at::Scalar(v); }
inline c10::optional<at::Scalar> optS(double v, int has, int is_int) {
    return has ? c10::optional<at::Scalar>(S(v, is_int)) : c10::nullopt;
}
inline at::Tensor& M(TensorH h) { return const_cast<at::Tensor&>(T(h)); }
inline c10::optional<at::ScalarType> optdt(int dt) {
    return dt < 0 ? c10::nullopt : c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dt));
}
}  // namespace

#define DN_UNARY(name) \
    DN_EXPORT TensorH dn_##name(TensorH a) { return tensor_guard([&] { return at::name(T(a)); }); }
#define DN_UNARY_(name) \
    DN_EXPORT int dn_##name##_(TensorH a) { return void_guard([&] { at::name##_(M(a)); }); }
#define DN_BINARY(name) \
    DN_EXPORT TensorH dn_##name(TensorH a, TensorH b) { return tensor_guard([&] { return at::name(T(a), T(b)); }); }
#define DN_BINARY_S(name) \
    DN_EXPORT TensorH dn_##name##_s(TensorH a, double b, int is_int) { return tensor_guard([&] { return at::name(T(a), S(b, is_int)); }); }

// ---- arithmetic -----------------------------------------------------------------------------------

DN_EXPORT TensorH dn_add(TensorH a, TensorH b, double alpha, int alpha_int) {
    return tensor_guard([&] { return at::add(T(a), T(b), S(alpha, alpha_int)); });
}
DN_EXPORT TensorH dn_sub(TensorH a, TensorH b, double alpha, int alpha_int) {
    return tensor_guard([&] { return at::sub(T(a), T(b), S(alpha, alpha_int)); });
}
DN_EXPORT TensorH dn_add_s(TensorH a, double b, int is_int) { return tensor_guard([&] { return at::add(T(a), S(b, is_int)); }); }
DN_EXPORT TensorH dn_sub_s(TensorH a, double b, int is_int) { return tensor_guard([&] { return at::sub(T(a), S(b, is_int)); }); }
DN_EXPORT TensorH dn_rsub_s(TensorH a, double b, int is_int) { return tensor_guard([&] { return at::rsub(T(a), S(b, is_int)); }); }
DN_BINARY(mul)
DN_BINARY_S(mul)
DN_BINARY(div)
DN_BINARY_S(div)
DN_EXPORT TensorH dn_rdiv_s(TensorH a, double b, int is_int) {
    return tensor_guard([&] { return at::mul(at::reciprocal(T(a)), S(b, is_int)); });
}
DN_EXPORT TensorH dn_div_mode(TensorH a, TensorH b, const char* mode) {
    return tensor_guard([&] { return at::div(T(a), T(b), c10::optional<c10::string_view>(mode)); });
}
DN_BINARY(pow)
DN_BINARY_S(pow)
DN_EXPORT TensorH dn_rpow_s(TensorH a, double b, int is_int) { return tensor_guard([&] { return at::pow(S(b, is_int), T(a)); }); }
DN_BINARY(fmod)
DN_BINARY_S(fmod)
DN_BINARY(remainder)
DN_BINARY_S(remainder)
DN_BINARY(atan2)
DN_BINARY(maximum)
DN_BINARY(minimum)
DN_BINARY(matmul)
DN_BINARY(mm)
DN_BINARY(bmm)
DN_BINARY(dot)
DN_BINARY(outer)
DN_BINARY(logical_and)
DN_BINARY(logical_or)
DN_BINARY(logical_xor)
DN_BINARY(bitwise_and)
DN_BINARY(bitwise_or)
DN_BINARY(bitwise_xor)

// ---- comparisons ----------------------------------------------------------------------------------

DN_BINARY(eq)
DN_BINARY(ne)
DN_BINARY(lt)
DN_BINARY(le)
DN_BINARY(gt)
DN_BINARY(ge)
DN_BINARY_S(eq)
DN_BINARY_S(ne)
DN_BINARY_S(lt)
DN_BINARY_S(le)
DN_BINARY_S(gt)
DN_BINARY_S(ge)
DN_EXPORT int dn_equal(TensorH a, TensorH b) { return guard<int>(-1, [&] { return at::equal(T(a), T(b)) ? 1 : 0; }); }
DN_EXPORT int dn_allclose(TensorH a, TensorH b, double rtol, double atol, int equal_nan) {
    return guard<int>(-1, [&] { return at::allclose(T(a), T(b), rtol, atol, equal_nan != 0) ? 1 : 0; });
}
DN_EXPORT TensorH dn_where(TensorH c, TensorH a, TensorH b) { return tensor_guard([&] { return at::where(T(c), T(a), T(b)); }); }
DN_EXPORT TensorH dn_clamp(TensorH a, double lo, int has_lo, double hi, int has_hi, int is_int) {
    return tensor_guard([&] { return at::clamp(T(a), optS(lo, has_lo, is_int), optS(hi, has_hi, is_int)); });
}
DN_EXPORT TensorH dn_clamp_t(TensorH a, TensorH lo, TensorH hi) {
    return tensor_guard([&] { return at::clamp(T(a), opt(lo), opt(hi)); });
}

// ---- element-wise math ----------------------------------------------------------------------------

DN_UNARY(neg)
DN_UNARY(abs)
DN_UNARY(sign)
DN_UNARY(exp)
DN_UNARY(exp2)
DN_UNARY(expm1)
DN_UNARY(log)
DN_UNARY(log2)
DN_UNARY(log10)
DN_UNARY(log1p)
DN_UNARY(sqrt)
DN_UNARY(rsqrt)
DN_UNARY(square)
DN_UNARY(reciprocal)
DN_UNARY(sin)
DN_UNARY(cos)
DN_UNARY(tan)
DN_UNARY(asin)
DN_UNARY(acos)
DN_UNARY(atan)
DN_UNARY(sinh)
DN_UNARY(cosh)
DN_UNARY(tanh)
DN_UNARY(sigmoid)
DN_UNARY(relu)
DN_UNARY(erf)
DN_UNARY(floor)
DN_UNARY(ceil)
DN_UNARY(round)
DN_UNARY(trunc)
DN_UNARY(frac)
DN_UNARY(logical_not)
DN_UNARY(bitwise_not)
DN_UNARY(isnan)
DN_UNARY(isinf)
DN_UNARY(isfinite)
DN_UNARY(signbit)
DN_UNARY(tril)
DN_UNARY(triu)
DN_UNARY(nonzero)
DN_UNARY(t)
DN_UNARY(clone)

// ---- in-place (optimisers, init, masks) -----------------------------------------------------------

DN_EXPORT int dn_add_(TensorH a, TensorH b, double alpha) { return void_guard([&] { M(a).add_(T(b), alpha); }); }
DN_EXPORT int dn_add_s_(TensorH a, double b) { return void_guard([&] { M(a).add_(b); }); }
DN_EXPORT int dn_sub_(TensorH a, TensorH b, double alpha) { return void_guard([&] { M(a).sub_(T(b), alpha); }); }
DN_EXPORT int dn_mul_(TensorH a, TensorH b) { return void_guard([&] { M(a).mul_(T(b)); }); }
DN_EXPORT int dn_mul_s_(TensorH a, double b) { return void_guard([&] { M(a).mul_(b); }); }
DN_EXPORT int dn_div_(TensorH a, TensorH b) { return void_guard([&] { M(a).div_(T(b)); }); }
DN_EXPORT int dn_div_s_(TensorH a, double b) { return void_guard([&] { M(a).div_(b); }); }
DN_EXPORT int dn_addcmul_(TensorH a, TensorH b, TensorH c, double v) { return void_guard([&] { M(a).addcmul_(T(b), T(c), v); }); }
DN_EXPORT int dn_addcdiv_(TensorH a, TensorH b, TensorH c, double v) { return void_guard([&] { M(a).addcdiv_(T(b), T(c), v); }); }
DN_EXPORT int dn_lerp_(TensorH a, TensorH b, double w) { return void_guard([&] { M(a).lerp_(T(b), w); }); }
DN_EXPORT int dn_copy_(TensorH a, TensorH b) { return void_guard([&] { M(a).copy_(T(b)); }); }
DN_EXPORT int dn_fill_(TensorH a, double v) { return void_guard([&] { M(a).fill_(v); }); }
DN_EXPORT int dn_zero_(TensorH a) { return void_guard([&] { M(a).zero_(); }); }
DN_EXPORT int dn_clamp_(TensorH a, double lo, int has_lo, double hi, int has_hi) {
    return void_guard([&] { at::clamp_(M(a), optS(lo, has_lo, 0), optS(hi, has_hi, 0)); });
}
DN_EXPORT int dn_masked_fill_(TensorH a, TensorH mask, double v) { return void_guard([&] { M(a).masked_fill_(T(mask), v); }); }
DN_EXPORT int dn_normal_(TensorH a, double mean, double std, void* g) { return void_guard([&] { M(a).normal_(mean, std, gen(g)); }); }
DN_EXPORT int dn_uniform_(TensorH a, double lo, double hi, void* g) { return void_guard([&] { M(a).uniform_(lo, hi, gen(g)); }); }
DN_EXPORT int dn_bernoulli_(TensorH a, double p, void* g) { return void_guard([&] { M(a).bernoulli_(p, gen(g)); }); }
DN_UNARY_(sqrt)
DN_UNARY_(exp)
DN_UNARY_(neg)
DN_UNARY_(relu)
DN_UNARY_(sigmoid)
DN_UNARY_(tanh)

// ---- reductions -----------------------------------------------------------------------------------

DN_EXPORT TensorH dn_sum(TensorH a, int dt) { return tensor_guard([&] { return at::sum(T(a), optdt(dt)); }); }
DN_EXPORT TensorH dn_sum_dims(TensorH a, const int64_t* d, int n, int keep, int dt) {
    return tensor_guard([&] { return at::sum(T(a), ints(d, n), keep != 0, optdt(dt)); });
}
DN_EXPORT TensorH dn_mean(TensorH a, int dt) { return tensor_guard([&] { return at::mean(T(a), optdt(dt)); }); }
DN_EXPORT TensorH dn_mean_dims(TensorH a, const int64_t* d, int n, int keep, int dt) {
    return tensor_guard([&] { return at::mean(T(a), ints(d, n), keep != 0, optdt(dt)); });
}
DN_EXPORT TensorH dn_prod(TensorH a, int dt) { return tensor_guard([&] { return at::prod(T(a), optdt(dt)); }); }
DN_EXPORT TensorH dn_prod_dim(TensorH a, int64_t d, int keep, int dt) {
    return tensor_guard([&] { return at::prod(T(a), d, keep != 0, optdt(dt)); });
}
// var/std with a correction (1 = unbiased, 0 = population); n = -1 reduces over all dims.
DN_EXPORT TensorH dn_var(TensorH a, const int64_t* d, int n, int64_t correction, int keep) {
    return tensor_guard([&] {
        auto dims = n < 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(ints(d, n));
        return at::var(T(a), dims, correction, keep != 0);
    });
}
DN_EXPORT TensorH dn_std(TensorH a, const int64_t* d, int n, int64_t correction, int keep) {
    return tensor_guard([&] {
        auto dims = n < 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(ints(d, n));
        return at::std(T(a), dims, correction, keep != 0);
    });
}
DN_UNARY(max)
DN_UNARY(min)
DN_EXPORT TensorH dn_amax(TensorH a, const int64_t* d, int n, int keep) { return tensor_guard([&] { return at::amax(T(a), ints(d, n), keep != 0); }); }
DN_EXPORT TensorH dn_amin(TensorH a, const int64_t* d, int n, int keep) { return tensor_guard([&] { return at::amin(T(a), ints(d, n), keep != 0); }); }
// max/min along a dim: writes the values and indices handles.
DN_EXPORT int dn_max_dim(TensorH a, int64_t d, int keep, TensorH* values, TensorH* indices) {
    return void_guard([&] {
        auto r = at::max(T(a), d, keep != 0);
        *values = new at::Tensor(std::get<0>(r));
        *indices = new at::Tensor(std::get<1>(r));
    });
}
DN_EXPORT int dn_min_dim(TensorH a, int64_t d, int keep, TensorH* values, TensorH* indices) {
    return void_guard([&] {
        auto r = at::min(T(a), d, keep != 0);
        *values = new at::Tensor(std::get<0>(r));
        *indices = new at::Tensor(std::get<1>(r));
    });
}
DN_EXPORT int dn_sort(TensorH a, int64_t d, int descending, int stable, TensorH* values, TensorH* indices) {
    return void_guard([&] {
        auto r = at::sort(T(a), stable != 0, d, descending != 0);
        *values = new at::Tensor(std::get<0>(r));
        *indices = new at::Tensor(std::get<1>(r));
    });
}
DN_EXPORT int dn_topk(TensorH a, int64_t k, int64_t d, int largest, int sorted, TensorH* values, TensorH* indices) {
    return void_guard([&] {
        auto r = at::topk(T(a), k, d, largest != 0, sorted != 0);
        *values = new at::Tensor(std::get<0>(r));
        *indices = new at::Tensor(std::get<1>(r));
    });
}
// argmax/argmin over all elements when has_dim = 0.
DN_EXPORT TensorH dn_argmax(TensorH a, int64_t d, int has_dim, int keep) {
    return tensor_guard([&] { return at::argmax(T(a), has_dim ? c10::optional<int64_t>(d) : c10::nullopt, keep != 0); });
}
DN_EXPORT TensorH dn_argmin(TensorH a, int64_t d, int has_dim, int keep) {
    return tensor_guard([&] { return at::argmin(T(a), has_dim ? c10::optional<int64_t>(d) : c10::nullopt, keep != 0); });
}
DN_EXPORT TensorH dn_logsumexp(TensorH a, const int64_t* d, int n, int keep) {
    return tensor_guard([&] { return at::logsumexp(T(a), ints(d, n), keep != 0); });
}
// p-norm over dims (n = -1: all elements); p = inf for the max norm.
DN_EXPORT TensorH dn_norm(TensorH a, double p, const int64_t* d, int n, int keep) {
    return tensor_guard([&] {
        if (n < 0) return at::norm(T(a), p);
        return at::norm(T(a), p, ints(d, n), keep != 0);
    });
}
DN_EXPORT TensorH dn_cumsum(TensorH a, int64_t d) { return tensor_guard([&] { return at::cumsum(T(a), d); }); }
DN_EXPORT TensorH dn_cumprod(TensorH a, int64_t d) { return tensor_guard([&] { return at::cumprod(T(a), d); }); }
DN_EXPORT TensorH dn_all(TensorH a) { return tensor_guard([&] { return at::all(T(a)); }); }
DN_EXPORT TensorH dn_any(TensorH a) { return tensor_guard([&] { return at::any(T(a)); }); }

// ---- shape ----------------------------------------------------------------------------------------

DN_EXPORT TensorH dn_view(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return T(a).view(ints(s, n)); }); }
DN_EXPORT TensorH dn_reshape(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return at::reshape(T(a), ints(s, n)); }); }
DN_EXPORT TensorH dn_permute(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return at::permute(T(a), ints(s, n)); }); }
DN_EXPORT TensorH dn_transpose(TensorH a, int64_t d0, int64_t d1) { return tensor_guard([&] { return at::transpose(T(a), d0, d1); }); }
DN_EXPORT TensorH dn_contiguous(TensorH a) { return tensor_guard([&] { return T(a).contiguous(); }); }
DN_EXPORT TensorH dn_squeeze(TensorH a) { return tensor_guard([&] { return at::squeeze(T(a)); }); }
DN_EXPORT TensorH dn_squeeze_dim(TensorH a, int64_t d) { return tensor_guard([&] { return at::squeeze(T(a), d); }); }
DN_EXPORT TensorH dn_unsqueeze(TensorH a, int64_t d) { return tensor_guard([&] { return at::unsqueeze(T(a), d); }); }
DN_EXPORT TensorH dn_expand(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return T(a).expand(ints(s, n)); }); }
DN_EXPORT TensorH dn_repeat(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return T(a).repeat(ints(s, n)); }); }
DN_EXPORT TensorH dn_flatten(TensorH a, int64_t start, int64_t end) { return tensor_guard([&] { return at::flatten(T(a), start, end); }); }
DN_EXPORT TensorH dn_unflatten(TensorH a, int64_t d, const int64_t* s, int n) {
    return tensor_guard([&] { return at::unflatten(T(a), d, ints(s, n)); });
}
DN_EXPORT TensorH dn_cat(const TensorH* ts, int n, int64_t d) { return tensor_guard([&] { return at::cat(tensors(ts, n), d); }); }
DN_EXPORT TensorH dn_stack(const TensorH* ts, int n, int64_t d) { return tensor_guard([&] { return at::stack(tensors(ts, n), d); }); }
DN_EXPORT TensorH* dn_split(TensorH a, int64_t size, int64_t d, int* count) {
    return guard<TensorH*>(nullptr, [&] { return handle_array(at::split(T(a), size, d), count); });
}
DN_EXPORT TensorH* dn_split_sizes(TensorH a, const int64_t* s, int n, int64_t d, int* count) {
    return guard<TensorH*>(nullptr, [&] { return handle_array(at::split_with_sizes(T(a), ints(s, n), d), count); });
}
DN_EXPORT TensorH* dn_chunk(TensorH a, int64_t chunks, int64_t d, int* count) {
    return guard<TensorH*>(nullptr, [&] { return handle_array(at::chunk(T(a), chunks, d), count); });
}
DN_EXPORT TensorH* dn_unbind(TensorH a, int64_t d, int* count) {
    return guard<TensorH*>(nullptr, [&] { return handle_array(at::unbind(T(a), d), count); });
}
DN_EXPORT TensorH dn_narrow(TensorH a, int64_t d, int64_t start, int64_t len) { return tensor_guard([&] { return at::narrow(T(a), d, start, len); }); }
DN_EXPORT TensorH dn_select(TensorH a, int64_t d, int64_t i) { return tensor_guard([&] { return at::select(T(a), d, i); }); }
DN_EXPORT TensorH dn_slice(TensorH a, int64_t d, int64_t start, int64_t end, int64_t step) {
    return tensor_guard([&] { return at::slice(T(a), d, start, end, step); });
}
DN_EXPORT TensorH dn_index_select(TensorH a, int64_t d, TensorH idx) { return tensor_guard([&] { return at::index_select(T(a), d, T(idx)); }); }
DN_EXPORT TensorH dn_gather(TensorH a, int64_t d, TensorH idx) { return tensor_guard([&] { return at::gather(T(a), d, T(idx)); }); }
DN_EXPORT TensorH dn_scatter(TensorH a, int64_t d, TensorH idx, TensorH src) { return tensor_guard([&] { return at::scatter(T(a), d, T(idx), T(src)); }); }
DN_EXPORT TensorH dn_scatter_add(TensorH a, int64_t d, TensorH idx, TensorH src) {
    return tensor_guard([&] { return at::scatter_add(T(a), d, T(idx), T(src)); });
}
DN_EXPORT TensorH dn_masked_fill(TensorH a, TensorH mask, double v, int is_int) {
    return tensor_guard([&] { return at::masked_fill(T(a), T(mask), S(v, is_int)); });
}
DN_EXPORT TensorH dn_masked_select(TensorH a, TensorH mask) { return tensor_guard([&] { return at::masked_select(T(a), T(mask)); }); }
DN_EXPORT TensorH dn_flip(TensorH a, const int64_t* d, int n) { return tensor_guard([&] { return at::flip(T(a), ints(d, n)); }); }
DN_EXPORT TensorH dn_roll(TensorH a, const int64_t* s, int ns, const int64_t* d, int nd) {
    return tensor_guard([&] { return at::roll(T(a), ints(s, ns), ints(d, nd)); });
}
// mode: "constant", "reflect", "replicate" or "circular" (torch.nn.functional.pad).
DN_EXPORT TensorH dn_pad(TensorH a, const int64_t* p, int n, const char* mode, double value) {
    return tensor_guard([&] {
        return at::pad(T(a), ints(p, n), c10::string_view(mode), std::string(mode) == "constant" ? c10::optional<double>(value) : c10::nullopt);
    });
}
DN_EXPORT TensorH dn_diag(TensorH a, int64_t k) { return tensor_guard([&] { return at::diag(T(a), k); }); }
DN_EXPORT TensorH dn_tril_k(TensorH a, int64_t k) { return tensor_guard([&] { return at::tril(T(a), k); }); }
DN_EXPORT TensorH dn_triu_k(TensorH a, int64_t k) { return tensor_guard([&] { return at::triu(T(a), k); }); }
DN_EXPORT TensorH dn_einsum(const char* eq, const TensorH* ts, int n) { return tensor_guard([&] { return at::einsum(eq, tensors(ts, n)); }); }
DN_EXPORT TensorH dn_broadcast_to(TensorH a, const int64_t* s, int n) { return tensor_guard([&] { return at::broadcast_to(T(a), ints(s, n)); }); }

// ---- conversion -----------------------------------------------------------------------------------

DN_EXPORT TensorH dn_to_dtype(TensorH a, int dt) { return tensor_guard([&] { return T(a).to(static_cast<at::ScalarType>(dt)); }); }
DN_EXPORT TensorH dn_to_device(TensorH a, int dev, int di, int non_blocking) {
    return tensor_guard([&] {
        return T(a).to(at::Device(static_cast<c10::DeviceType>(dev), static_cast<c10::DeviceIndex>(di)), non_blocking != 0);
    });
}

// ---- indexing (Python semantics through libtorch's own TensorIndex) --------------------------------
// kinds: 0 integer (a), 1 slice (a:b:c, with has-flags), 2 None, 3 Ellipsis, 4 tensor, 5 bool (a != 0).
namespace {
std::vector<at::indexing::TensorIndex> build_indices(const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c,
                                                     const int* has, const TensorH* ts, int n) {
    using namespace at::indexing;
    std::vector<TensorIndex> idx;
    idx.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        switch (kinds[i]) {
            case 0: idx.emplace_back(a[i]); break;
            case 1: {
                c10::optional<int64_t> start = (has[i] & 1) ? c10::optional<int64_t>(a[i]) : c10::nullopt;
                c10::optional<int64_t> stop = (has[i] & 2) ? c10::optional<int64_t>(b[i]) : c10::nullopt;
                c10::optional<int64_t> step = (has[i] & 4) ? c10::optional<int64_t>(c[i]) : c10::nullopt;
                idx.emplace_back(Slice(start, stop, step));
                break;
            }
            case 2: idx.emplace_back(None); break;
            case 3: idx.emplace_back(Ellipsis); break;
            case 4: idx.emplace_back(T(ts[i])); break;
            case 5: idx.emplace_back(a[i] != 0); break;
            default: TORCH_CHECK(false, "unknown index kind ", kinds[i]);
        }
    }
    return idx;
}
}  // namespace

DN_EXPORT TensorH dn_index(TensorH t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c, const int* has,
                           const TensorH* ts, int n) {
    return tensor_guard([&] { return T(t).index(build_indices(kinds, a, b, c, has, ts, n)); });
}
DN_EXPORT int dn_index_put_(TensorH t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c, const int* has,
                            const TensorH* ts, int n, TensorH value) {
    return void_guard([&] { M(t).index_put_(build_indices(kinds, a, b, c, has, ts, n), T(value)); });
}
DN_EXPORT int dn_index_put_s_(TensorH t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c, const int* has,
                              const TensorH* ts, int n, double value) {
    return void_guard([&] { M(t).index_put_(build_indices(kinds, a, b, c, has, ts, n), value); });
}

// ---- linear algebra -------------------------------------------------------------------------------

DN_EXPORT TensorH dn_svdvals(TensorH a) { return tensor_guard([&] { return at::linalg_svdvals(T(a)); }); }
DN_EXPORT TensorH dn_linalg_inv(TensorH a) { return tensor_guard([&] { return at::linalg_inv(T(a)); }); }
DN_EXPORT int dn_linalg_eigh(TensorH a, TensorH* values, TensorH* vectors) {
    return void_guard([&] {
        auto r = at::linalg_eigh(T(a));
        *values = new at::Tensor(std::get<0>(r));
        *vectors = new at::Tensor(std::get<1>(r));
    });
}
DN_EXPORT TensorH dn_addmm(TensorH bias, TensorH a, TensorH b, double beta, double alpha) {
    return tensor_guard([&] { return at::addmm(T(bias), T(a), T(b), beta, alpha); });
}
