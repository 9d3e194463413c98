// TorchScript: loading a module saved by torch.jit.save and running its forward. The only translation unit
// that includes <torch/script.h>, which is heavy, so the rest of the shim compiles fast.
#include "shim.h"
#include <torch/script.h>

using namespace dn;

namespace {
typedef torch::jit::Module* ScriptH;

torch::jit::Module& S(void* h) {
    TORCH_CHECK(h != nullptr, "script module handle is null (the module was disposed)");
    return *static_cast<ScriptH>(h);
}

// Flattens a forward result: a tensor, or a tuple/list of tensors (nested ones are flattened in order).
void collect(const c10::IValue& v, std::vector<at::Tensor>& out) {
    if (v.isTensor()) {
        out.push_back(v.toTensor());
    } else if (v.isTuple()) {
        for (const auto& e : v.toTupleRef().elements()) collect(e, out);
    } else if (v.isTensorList()) {
        for (const auto& t : v.toTensorVector()) out.push_back(t);
    } else if (v.isList()) {
        for (const auto& e : v.toListRef()) collect(e, out);
    } else {
        TORCH_CHECK(false, "TorchScript forward returned a ", v.tagKind(), "; only tensors and tuples/lists of tensors are supported");
    }
}
}  // namespace

// Loads the archive onto the device and switches it to eval mode.
DN_EXPORT void* dn_jit_load(const char* path, int device_type, int device_index) {
    return guard<void*>(nullptr, [&]() -> void* {
        auto device = at::Device(static_cast<c10::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
        auto module = torch::jit::load(std::string(path), device);
        module.eval();
        return new torch::jit::Module(std::move(module));
    });
}

DN_EXPORT void dn_jit_free(void* h) { guard<int>(0, [&] { delete static_cast<ScriptH>(h); return 0; }); }

// Runs forward without autograd; *is_tuple tells whether the result was a tuple/list (1) or one tensor (0).
DN_EXPORT TensorH* dn_jit_forward(void* h, const TensorH* inputs, int n, int* count, int* is_tuple) {
    return guard<TensorH*>(nullptr, [&]() -> TensorH* {
        // no_grad rather than InferenceMode: inference tensors cannot later be updated in place or saved for
        // backward outside inference mode, which would surprise callers mixing outputs into training code.
        at::NoGradGuard no_grad;
        std::vector<c10::IValue> args;
        args.reserve(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) args.emplace_back(T(inputs[i]));
        auto result = S(h).forward(args);
        std::vector<at::Tensor> outs;
        collect(result, outs);
        *is_tuple = result.isTensor() ? 0 : 1;
        return handle_array(outs, count);
    });
}
