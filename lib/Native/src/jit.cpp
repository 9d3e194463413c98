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

// Arguments of one forward call, built up by the dn_jit_args_* exports: positional IValues in order, then
// keyword IValues by name (libtorch matches them to the method's schema, filling defaults for the rest).
namespace {
struct ScriptArgs {
    std::vector<c10::IValue> positional;
    torch::jit::Kwargs keyword;
};

ScriptArgs& A(void* h) {
    TORCH_CHECK(h != nullptr, "script argument list handle is null");
    return *static_cast<ScriptArgs*>(h);
}

// name == nullptr: the next positional argument; otherwise a keyword argument. Positional arguments cannot
// follow keyword ones (as in Python), and a keyword may be given once.
void add(void* h, const char* name, c10::IValue value) {
    auto& args = A(h);
    if (name == nullptr) {
        TORCH_CHECK(args.keyword.empty(), "a positional argument cannot follow keyword arguments");
        args.positional.push_back(std::move(value));
    } else {
        TORCH_CHECK(args.keyword.count(name) == 0, "keyword argument '", name, "' given twice");
        args.keyword.emplace(name, std::move(value));
    }
}
}  // namespace

DN_EXPORT void* dn_jit_args_new() { return guard<void*>(nullptr, []() -> void* { return new ScriptArgs(); }); }
DN_EXPORT void dn_jit_args_free(void* h) { guard<int>(0, [&] { delete static_cast<ScriptArgs*>(h); return 0; }); }
DN_EXPORT int dn_jit_args_tensor(void* h, const char* name, TensorH t) { return void_guard([&] { add(h, name, T(t)); }); }
DN_EXPORT int dn_jit_args_bool(void* h, const char* name, int v) { return void_guard([&] { add(h, name, v != 0); }); }
DN_EXPORT int dn_jit_args_int(void* h, const char* name, int64_t v) { return void_guard([&] { add(h, name, v); }); }
DN_EXPORT int dn_jit_args_double(void* h, const char* name, double v) { return void_guard([&] { add(h, name, v); }); }
DN_EXPORT int dn_jit_args_string(void* h, const char* name, const char* v) {
    return void_guard([&] { TORCH_CHECK(v != nullptr, "string argument is null"); add(h, name, std::string(v)); });
}
DN_EXPORT int dn_jit_args_tensor_list(void* h, const char* name, const TensorH* ts, int n) {
    return void_guard([&] { add(h, name, c10::List<at::Tensor>(tensors(ts, n))); });
}

// Runs forward(*positional, **keyword) without autograd; *is_tuple tells whether the result was a tuple/list (1)
// or one tensor (0). A wrong argument (type, unknown keyword, missing value) is libtorch's schema error.
DN_EXPORT TensorH* dn_jit_forward(void* h, void* args, int* count, int* is_tuple) {
    return guard<TensorH*>(nullptr, [&]() -> TensorH* {
        // no_grad rather than InferenceMode: inference tensors cannot later be updated in place or saved for
        // backward outside inference mode, which would surprise callers mixing outputs into training code.
        at::NoGradGuard no_grad;
        auto& a = A(args);
        auto result = S(h).forward(a.positional, a.keyword);
        std::vector<at::Tensor> outs;
        collect(result, outs);
        *is_tuple = result.isTensor() ? 0 : 1;
        return handle_array(outs, count);
    });
}
