// Transposed convolution on the CPU computed as the adjoint of an ordinary convolution.
#pragma once
#include "pch.h"

namespace dn {

// Whether transposed convolutions on the CPU take the adjoint path (default on; the benchmark and tests
// switch it off to compare with libtorch's own kernel).
bool conv_transpose_via_adjoint();
void set_conv_transpose_via_adjoint(bool on);

// Same result and gradients as at::convolution(x, w, b, ..., transposed=true, output_padding, groups).
at::Tensor conv_transpose_adjoint(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                                  at::IntArrayRef padding, at::IntArrayRef output_padding, at::IntArrayRef dilation, int64_t groups);

}  // namespace dn
