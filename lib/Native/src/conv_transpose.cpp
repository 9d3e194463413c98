// libtorch 1.13 runs transposed convolutions on the CPU through its slow reference kernels
// (slow_conv_transpose2d/3d), while ordinary convolutions and their backward passes go to oneDNN. A
// transposed convolution is exactly the input-gradient of the convolution with the same weight, so this
// computes it with convolution_backward, and its own backward with a forward convolution (for the input)
// and convolution_backward (for the weight): the same numbers, 2-4x faster on the layers of a pix2pix U-Net.
#include "shim.h"
#include "conv_transpose.h"
#include <torch/csrc/autograd/custom_function.h>

#include <atomic>

namespace dn {
namespace {

std::atomic<bool> g_via_adjoint{true};

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

std::vector<int64_t> output_size(const at::Tensor& x, const at::Tensor& w, at::IntArrayRef stride, at::IntArrayRef padding,
                                 at::IntArrayRef output_padding, at::IntArrayRef dilation, int64_t groups) {
    std::vector<int64_t> size{x.size(0), w.size(1) * groups};
    for (size_t d = 0; d < stride.size(); ++d) {
        int64_t in = x.size(static_cast<int64_t>(d) + 2), k = w.size(static_cast<int64_t>(d) + 2);
        size.push_back((in - 1) * stride[d] - 2 * padding[d] + dilation[d] * (k - 1) + output_padding[d] + 1);
    }
    return size;
}

struct ConvTransposeAdjoint : public torch::autograd::Function<ConvTransposeAdjoint> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w, std::vector<int64_t> stride, std::vector<int64_t> padding, std::vector<int64_t> output_padding,
                              std::vector<int64_t> dilation, int64_t groups) {
        std::vector<int64_t> zeros(stride.size(), 0);
        // Only the shape of this "input" is read when asking for the input-gradient alone.
        auto shape_only = at::empty(output_size(x, w, stride, padding, output_padding, dilation, groups), x.options());
        auto y = std::get<0>(at::convolution_backward(x, shape_only, w, c10::nullopt, stride, padding, dilation, false, zeros, groups,
                                                      {true, false, false}));
        ctx->save_for_backward({x, w});
        ctx->saved_data["stride"] = stride;
        ctx->saved_data["padding"] = padding;
        ctx->saved_data["dilation"] = dilation;
        ctx->saved_data["groups"] = groups;
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        auto saved = ctx->get_saved_variables();
        const auto& x = saved[0];
        const auto& w = saved[1];
        const auto& gy = grads[0];
        auto stride = ctx->saved_data["stride"].toIntVector();
        auto padding = ctx->saved_data["padding"].toIntVector();
        auto dilation = ctx->saved_data["dilation"].toIntVector();
        auto groups = ctx->saved_data["groups"].toInt();
        std::vector<int64_t> zeros(stride.size(), 0);
        at::Tensor gx, gw;
        if (ctx->needs_input_grad(0)) gx = at::convolution(gy, w, c10::nullopt, stride, padding, dilation, false, zeros, groups);
        if (ctx->needs_input_grad(1)) {
            gw = std::get<1>(at::convolution_backward(x, gy, w, c10::nullopt, stride, padding, dilation, false, zeros, groups,
                                                      {false, true, false}));
        }
        return {gx, gw, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
    }
};

}  // namespace

bool conv_transpose_via_adjoint() { return g_via_adjoint.load(); }
void set_conv_transpose_via_adjoint(bool on) { g_via_adjoint.store(on); }

at::Tensor conv_transpose_adjoint(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                                  at::IntArrayRef padding, at::IntArrayRef output_padding, at::IntArrayRef dilation, int64_t groups) {
    TORCH_CHECK(x.dim() == w.dim(), "conv_transpose: expected a ", w.dim(), "-d (batched) input for a ", w.dim(),
                "-d weight, but got input of size ", x.sizes());
    TORCH_CHECK(x.size(1) == w.size(0), "conv_transpose: given weight of size ", w.sizes(), ", expected input ", x.sizes(),
                " to have ", w.size(0), " channels, but got ", x.size(1), " channels instead");
    for (size_t d = 0; d < output_padding.size(); ++d) {
        TORCH_CHECK(output_padding[d] < stride[d] || output_padding[d] < dilation[d],
                    "conv_transpose: output padding must be smaller than either stride or dilation, but got output_padding=",
                    output_padding, ", stride=", stride, ", dilation=", dilation);
    }
    auto y = ConvTransposeAdjoint::apply(x, w, stride.vec(), padding.vec(), output_padding.vec(), dilation.vec(), groups);
    if (!b.has_value() || !b->defined()) return y;
    // The bias is an ordinary broadcast add, so autograd differentiates it as usual.
    std::vector<int64_t> view(static_cast<size_t>(y.dim()), 1);
    view[1] = -1;
    return y + b->view(view);
}

}  // namespace dn

DN_EXPORT int dn_set_conv_transpose_via_adjoint(int on) { return dn::void_guard([&] { dn::set_conv_transpose_via_adjoint(on != 0); }); }
DN_EXPORT int dn_get_conv_transpose_via_adjoint() { return dn::guard<int>(-1, [] { return dn::conv_transpose_via_adjoint() ? 1 : 0; }); }
