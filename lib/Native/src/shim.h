// Shared helpers of the native shim: the export macro, the error guard and handle conversions.
//
// Every exported function is `extern "C"` and runs its body inside dn::guard(...), which catches every
// C++ exception, stores its message in a thread-local slot and returns a failure value. The managed
// side checks the failure value and turns the message into a TorchException. A test scans these
// sources and fails if an export does not go through the guard.
#pragma once
#include "pch.h"

#define DN_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TensorH;

namespace dn {

void set_error(const char* message);

// Runs body(); on any exception records its message and returns `fail` instead.
template <class R, class F>
inline R guard(R fail, F&& body) noexcept {
    try {
        return body();
    } catch (const c10::Error& e) {
        set_error(e.what_without_backtrace());
    } catch (const std::exception& e) {
        set_error(e.what());
    } catch (...) {
        set_error("unknown native exception");
    }
    return fail;
}

// For exports that return a new tensor: nullptr signals an error.
template <class F>
inline TensorH tensor_guard(F&& body) noexcept {
    return guard<TensorH>(nullptr, [&]() -> TensorH { return new at::Tensor(body()); });
}

// For exports with no result: 0 = ok, -1 = error.
template <class F>
inline int void_guard(F&& body) noexcept {
    return guard<int>(-1, [&]() -> int { body(); return 0; });
}

inline at::IntArrayRef ints(const int64_t* data, int n) { return at::IntArrayRef(data, static_cast<size_t>(n)); }

inline const at::Tensor& T(TensorH h) {
    TORCH_CHECK(h != nullptr, "tensor handle is null (the tensor was disposed or never created)");
    return *h;
}

inline c10::optional<at::Tensor> opt(TensorH h) {
    if (h == nullptr) return c10::nullopt;
    return *h;
}

inline std::vector<at::Tensor> tensors(const TensorH* hs, int n) {
    std::vector<at::Tensor> out;
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back(T(hs[i]));
    return out;
}

// Returns a heap array of new handles that the managed side copies and frees with dn_free_handles.
inline TensorH* handle_array(const std::vector<at::Tensor>& ts, int* count) {
    auto* arr = new TensorH[ts.size() == 0 ? 1 : ts.size()];
    for (size_t i = 0; i < ts.size(); ++i) arr[i] = new at::Tensor(ts[i]);
    *count = static_cast<int>(ts.size());
    return arr;
}

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
    return at::TensorOptions()
        .dtype(static_cast<at::ScalarType>(dtype))
        .device(at::Device(static_cast<c10::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

at::Generator* generator(void* h);  // null -> default generator (nullopt)

inline c10::optional<at::Generator> gen(void* h) {
    if (h == nullptr) return c10::nullopt;
    return *static_cast<at::Generator*>(h);
}

}  // namespace dn
