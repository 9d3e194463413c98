// Core exports: errors, handle lifetime, metadata, data copies, factories, random state, threads, config.
#include "shim.h"
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <ATen/Version.h>
#include <ATen/Context.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/variable.h>

namespace dn {
static thread_local std::string g_last_error;
void set_error(const char* message) { g_last_error = message ? message : "unknown native error"; }
}  // namespace dn

using namespace dn;

// ---- errors ---------------------------------------------------------------------------------------

// The message of the last failed call on this thread ("" when none); valid until the next failure.
DN_EXPORT const char* dn_last_error() { return guard<const char*>("", [] { return dn::g_last_error.c_str(); }); }
DN_EXPORT void dn_clear_error() { guard<int>(0, [] { dn::g_last_error.clear(); return 0; }); }

// Deliberately throws: lets tests prove that native exceptions surface as managed ones.
DN_EXPORT int dn_test_throw(int kind) {
    return void_guard([&] {
        if (kind == 0) TORCH_CHECK(false, "dn_test_throw: c10 error");
        if (kind == 1) throw std::runtime_error("dn_test_throw: std error");
        throw 42;
    });
}

// ---- handles --------------------------------------------------------------------------------------

DN_EXPORT void dn_free(TensorH h) { guard<int>(0, [&] { delete h; return 0; }); }
DN_EXPORT void dn_free_handles(TensorH* arr) { guard<int>(0, [&] { delete[] arr; return 0; }); }
DN_EXPORT TensorH dn_alias(TensorH h) { return tensor_guard([&] { return T(h); }); }
DN_EXPORT int dn_defined(TensorH h) { return guard<int>(-1, [&] { return T(h).defined() ? 1 : 0; }); }

// ---- metadata -------------------------------------------------------------------------------------

DN_EXPORT int dn_dim(TensorH h) { return guard<int>(-1, [&] { return static_cast<int>(T(h).dim()); }); }
DN_EXPORT int64_t dn_numel(TensorH h) { return guard<int64_t>(-1, [&] { return T(h).numel(); }); }
DN_EXPORT int dn_shape(TensorH h, int64_t* out) {
    return void_guard([&] { auto s = T(h).sizes(); std::copy(s.begin(), s.end(), out); });
}
DN_EXPORT int dn_strides(TensorH h, int64_t* out) {
    return void_guard([&] { auto s = T(h).strides(); std::copy(s.begin(), s.end(), out); });
}
DN_EXPORT int dn_dtype(TensorH h) { return guard<int>(-1, [&] { return static_cast<int>(T(h).scalar_type()); }); }
DN_EXPORT int dn_device_type(TensorH h) { return guard<int>(-1, [&] { return static_cast<int>(T(h).device().type()); }); }
DN_EXPORT int dn_device_index(TensorH h) { return guard<int>(-2, [&] { return static_cast<int>(T(h).device().index()); }); }
DN_EXPORT int dn_is_contiguous(TensorH h) { return guard<int>(-1, [&] { return T(h).is_contiguous() ? 1 : 0; }); }
DN_EXPORT int dn_element_size(TensorH h) { return guard<int>(-1, [&] { return static_cast<int>(T(h).element_size()); }); }
DN_EXPORT int64_t dn_storage_id(TensorH h) {
    return guard<int64_t>(0, [&] { return reinterpret_cast<int64_t>(T(h).storage().unsafeGetStorageImpl()); });
}

// ---- data in and out (always by copy) -------------------------------------------------------------

DN_EXPORT TensorH dn_from_data(const void* data, const int64_t* shape, int ndim, int dtype) {
    return tensor_guard([&] {
        auto t = at::empty(ints(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
        if (t.numel() > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(t.numel() * t.element_size()));
        return t;
    });
}

// Copies the tensor's values (C order, CPU) into dst, which holds nbytes.
DN_EXPORT int dn_copy_to(TensorH h, void* dst, int64_t nbytes) {
    return void_guard([&] {
        at::NoGradGuard no_grad;
        auto t = T(h).detach().to(at::kCPU).contiguous();
        int64_t need = t.numel() * t.element_size();
        TORCH_CHECK(need == nbytes, "copy_to: tensor holds ", need, " bytes but the buffer holds ", nbytes);
        if (need > 0) std::memcpy(dst, t.data_ptr(), static_cast<size_t>(need));
    });
}

// Overwrites the tensor's values in place from a C-order buffer of the same dtype.
DN_EXPORT int dn_copy_from(TensorH h, const void* src, int64_t nbytes) {
    return void_guard([&] {
        at::NoGradGuard no_grad;
        auto& t = T(h);
        int64_t need = t.numel() * t.element_size();
        TORCH_CHECK(need == nbytes, "copy_from: tensor holds ", need, " bytes but the buffer holds ", nbytes);
        auto staged = at::empty(t.sizes(), t.options().device(at::kCPU));
        if (need > 0) std::memcpy(staged.data_ptr(), src, static_cast<size_t>(need));
        const_cast<at::Tensor&>(t).copy_(staged);
    });
}

DN_EXPORT double dn_item_double(TensorH h) { return guard<double>(0, [&] { return T(h).item<double>(); }); }
DN_EXPORT int64_t dn_item_long(TensorH h) { return guard<int64_t>(0, [&] { return T(h).item<int64_t>(); }); }

// ---- factories ------------------------------------------------------------------------------------

DN_EXPORT TensorH dn_empty(const int64_t* s, int n, int dt, int dev, int di) {
    return tensor_guard([&] { return at::empty(ints(s, n), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_zeros(const int64_t* s, int n, int dt, int dev, int di) {
    return tensor_guard([&] { return at::zeros(ints(s, n), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_ones(const int64_t* s, int n, int dt, int dev, int di) {
    return tensor_guard([&] { return at::ones(ints(s, n), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_full(const int64_t* s, int n, double value, int dt, int dev, int di) {
    return tensor_guard([&] { return at::full(ints(s, n), value, options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_randn(const int64_t* s, int n, int dt, int dev, int di, void* g) {
    return tensor_guard([&] { return at::randn(ints(s, n), gen(g), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_rand(const int64_t* s, int n, int dt, int dev, int di, void* g) {
    return tensor_guard([&] { return at::rand(ints(s, n), gen(g), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_randint(int64_t low, int64_t high, const int64_t* s, int n, int dt, int dev, int di, void* g) {
    return tensor_guard([&] { return at::randint(low, high, ints(s, n), gen(g), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_randperm(int64_t n, int dt, int dev, int di, void* g) {
    return tensor_guard([&] { return at::randperm(n, gen(g), options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_arange(double start, double end, double step, int dt, int dev, int di) {
    return tensor_guard([&] { return at::arange(start, end, step, options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_linspace(double start, double end, int64_t steps, int dt, int dev, int di) {
    return tensor_guard([&] { return at::linspace(start, end, steps, options(dt, dev, di)); });
}
DN_EXPORT TensorH dn_eye(int64_t n, int64_t m, int dt, int dev, int di) {
    return tensor_guard([&] { return at::eye(n, m, options(dt, dev, di)); });
}

// ---- random state ---------------------------------------------------------------------------------

DN_EXPORT int dn_manual_seed(uint64_t seed) {
    return void_guard([&] {
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_current_seed(seed);
    });
}
DN_EXPORT void* dn_generator_new(uint64_t seed) {
    return guard<void*>(nullptr, [&]() -> void* { return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed)); });
}
DN_EXPORT void* dn_generator_default() {
    return guard<void*>(nullptr, [&]() -> void* { return new at::Generator(at::detail::getDefaultCPUGenerator()); });
}
DN_EXPORT void dn_generator_free(void* g) { guard<int>(0, [&] { delete static_cast<at::Generator*>(g); return 0; }); }
DN_EXPORT int dn_generator_manual_seed(void* g, uint64_t seed) {
    return void_guard([&] {
        auto* gen = static_cast<at::Generator*>(g);
        std::lock_guard<std::mutex> lock(gen->mutex());
        gen->set_current_seed(seed);
    });
}
DN_EXPORT uint64_t dn_generator_initial_seed(void* g) {
    return guard<uint64_t>(0, [&] { return static_cast<at::Generator*>(g)->current_seed(); });
}
// The full generator state as a uint8 tensor (for checkpoints) and its restore.
DN_EXPORT TensorH dn_generator_get_state(void* g) {
    return tensor_guard([&] {
        auto* gen = static_cast<at::Generator*>(g);
        std::lock_guard<std::mutex> lock(gen->mutex());
        return at::Tensor(gen->get_state());
    });
}
DN_EXPORT int dn_generator_set_state(void* g, TensorH state) {
    return void_guard([&] {
        auto* gen = static_cast<at::Generator*>(g);
        std::lock_guard<std::mutex> lock(gen->mutex());
        gen->set_state(T(state));
    });
}

// ---- threads and build configuration --------------------------------------------------------------

DN_EXPORT int dn_set_num_threads(int n) { return void_guard([&] { at::set_num_threads(n); }); }
DN_EXPORT int dn_get_num_threads() { return guard<int>(-1, [] { return at::get_num_threads(); }); }
DN_EXPORT int dn_set_num_interop_threads(int n) { return void_guard([&] { at::set_num_interop_threads(n); }); }
DN_EXPORT int dn_cuda_is_available() { return guard<int>(0, [] { return at::hasCUDA() ? 1 : 0; }); }
DN_EXPORT int dn_cuda_device_count() {
    return guard<int>(0, [] { return at::hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().getNumGPUs()) : 0; });
}
DN_EXPORT int dn_cuda_manual_seed_all(uint64_t seed) {
    return void_guard([&] {
        if (!at::hasCUDA()) return;
        int n = static_cast<int>(at::detail::getCUDAHooks().getNumGPUs());
        for (int i = 0; i < n; ++i) {
            auto gen = at::detail::getCUDAHooks().getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(i));
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_current_seed(seed);
        }
    });
}
// A view of one device's default CUDA generator (what torch.cuda.get_rng_state reads); an error without CUDA.
DN_EXPORT void* dn_cuda_generator_default(int device) {
    return guard<void*>(nullptr, [&]() -> void* {
        if (!at::hasCUDA()) throw std::runtime_error("CUDA is not available: no CUDA generator");
        int n = static_cast<int>(at::detail::getCUDAHooks().getNumGPUs());
        if (device < 0 || device >= n)
            throw std::runtime_error("CUDA device " + std::to_string(device) + " does not exist (" + std::to_string(n) + " visible)");
        return new at::Generator(at::detail::getCUDAHooks().getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(device)));
    });
}
DN_EXPORT int dn_set_deterministic(int on) {
    return void_guard([&] { at::globalContext().setDeterministicAlgorithms(on != 0, /*warn_only=*/false); });
}
// Copies libtorch's build configuration text (BLAS, OpenMP, CUDA) into buf; returns the full length.
DN_EXPORT int dn_config(char* buf, int len) {
    return guard<int>(-1, [&] {
        std::string s = at::show_config();
        if (buf && len > 0) {
            size_t n = std::min(static_cast<size_t>(len - 1), s.size());
            std::memcpy(buf, s.data(), n);
            buf[n] = 0;
        }
        return static_cast<int>(s.size());
    });
}

// ---- grad mode and autograd -----------------------------------------------------------------------

DN_EXPORT int dn_is_grad_enabled() { return guard<int>(-1, [] { return at::GradMode::is_enabled() ? 1 : 0; }); }
DN_EXPORT int dn_set_grad_enabled(int on) { return void_guard([&] { at::GradMode::set_enabled(on != 0); }); }

DN_EXPORT int dn_requires_grad(TensorH h) { return guard<int>(-1, [&] { return T(h).requires_grad() ? 1 : 0; }); }
DN_EXPORT int dn_set_requires_grad(TensorH h, int on) {
    return void_guard([&] { const_cast<at::Tensor&>(T(h)).requires_grad_(on != 0); });
}
DN_EXPORT int dn_is_leaf(TensorH h) { return guard<int>(-1, [&] { return T(h).is_leaf() ? 1 : 0; }); }
// The gradient, or nullptr with no error set when it is undefined.
DN_EXPORT TensorH dn_grad(TensorH h) {
    return guard<TensorH>(nullptr, [&]() -> TensorH {
        const auto& g = T(h).grad();
        return g.defined() ? new at::Tensor(g) : nullptr;
    });
}
DN_EXPORT int dn_set_grad(TensorH h, TensorH g) {
    return void_guard([&] { const_cast<at::Tensor&>(T(h)).mutable_grad() = g ? T(g) : at::Tensor(); });
}
DN_EXPORT int dn_retain_grad(TensorH h) { return void_guard([&] { T(h).retain_grad(); }); }
// Copies grad_fn's name ("" for a leaf) into buf; returns its length.
DN_EXPORT int dn_grad_fn_name(TensorH h, char* buf, int len) {
    return guard<int>(-1, [&] {
        auto fn = T(h).grad_fn();
        std::string s = fn ? fn->name() : "";
        if (buf && len > 0) {
            size_t n = std::min(static_cast<size_t>(len - 1), s.size());
            std::memcpy(buf, s.data(), n);
            buf[n] = 0;
        }
        return static_cast<int>(s.size());
    });
}
DN_EXPORT TensorH dn_detach(TensorH h) { return tensor_guard([&] { return T(h).detach(); }); }
DN_EXPORT int dn_detach_(TensorH h) { return void_guard([&] { const_cast<at::Tensor&>(T(h)).detach_(); }); }

DN_EXPORT int dn_backward(const TensorH* outs, int n, const TensorH* grads, int ng, int retain_graph, int create_graph) {
    return void_guard([&] {
        std::vector<at::Tensor> gs;
        for (int i = 0; i < ng; ++i) gs.push_back(grads[i] ? *grads[i] : at::Tensor());
        torch::autograd::backward(tensors(outs, n), gs,
                                  retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0),
                                  create_graph != 0);
    });
}

// torch.autograd.grad: returns a heap array of handles (null entries for unused inputs when allowed).
DN_EXPORT TensorH* dn_autograd_grad(const TensorH* outs, int n, const TensorH* ins, int ni, const TensorH* grads, int ng,
                                    int retain_graph, int create_graph, int allow_unused, int* count) {
    return guard<TensorH*>(nullptr, [&]() -> TensorH* {
        std::vector<at::Tensor> gs;
        for (int i = 0; i < ng; ++i) gs.push_back(grads[i] ? *grads[i] : at::Tensor());
        auto res = torch::autograd::grad(tensors(outs, n), tensors(ins, ni), gs,
                                         retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0),
                                         create_graph != 0, allow_unused != 0);
        auto* arr = new TensorH[res.size() == 0 ? 1 : res.size()];
        for (size_t i = 0; i < res.size(); ++i) arr[i] = res[i].defined() ? new at::Tensor(res[i]) : nullptr;
        *count = static_cast<int>(res.size());
        return arr;
    });
}
