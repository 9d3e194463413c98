// Fused optimiser steps: one export per optimiser runs the whole per-parameter loop of one param group, so a
// step costs one P/Invoke instead of one per tensor op. Each loop is a line-by-line port of PyTorch 1.13's
// `_single_tensor_*` functions (torch/optim/*.py) through the same at:: ops with the same double scalars,
// which is what makes the results bit-identical to torch.optim on CPU.
//
// Arrays are indexed per parameter; the managed side passes only parameters that have a gradient and has
// already created their state tensors (except SGD's momentum buffer, created here on first use as PyTorch does).
#include "shim.h"
#include <cmath>

using namespace dn;

namespace {
inline at::Tensor& M(TensorH h) { return const_cast<at::Tensor&>(T(h)); }

// The gradient to follow: PyTorch negates it for maximize=True.
inline at::Tensor grad_of(const at::Tensor& param, int maximize) {
    const auto& g = param.grad();
    TORCH_CHECK(g.defined(), "optimizer step: a parameter passed to the fused step has no gradient");
    TORCH_CHECK(!g.is_sparse(), "optimizer step: sparse gradients are not supported");
    return maximize ? g.neg() : g;
}

// _single_tensor_adam / _single_tensor_adamw; they differ only in where weight decay enters.
void adam_loop(const TensorH* params, int n, const TensorH* steps, const TensorH* exp_avgs, const TensorH* exp_avg_sqs,
               const TensorH* max_exp_avg_sqs, double lr, double beta1, double beta2, double eps, double weight_decay,
               int amsgrad, int maximize, bool decoupled) {
    at::NoGradGuard no_grad;
    for (int i = 0; i < n; ++i) {
        auto& param = M(params[i]);
        auto grad = grad_of(param, maximize);
        auto& exp_avg = M(exp_avgs[i]);
        auto& exp_avg_sq = M(exp_avg_sqs[i]);
        auto& step_t = M(steps[i]);

        step_t.add_(1);
        if (decoupled) {
            param.mul_(1 - lr * weight_decay);
        } else if (weight_decay != 0) {
            grad = grad.add(param, weight_decay);
        }

        exp_avg.mul_(beta1).add_(grad, 1 - beta1);
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

        // Python reads the float32 step with .item() and does the bias corrections in double.
        double step = step_t.item<double>();
        double bias_correction1 = 1 - std::pow(beta1, step);
        double bias_correction2 = 1 - std::pow(beta2, step);
        double step_size = lr / bias_correction1;
        double bias_correction2_sqrt = std::sqrt(bias_correction2);

        at::Tensor denom;
        if (amsgrad) {
            auto& max_sq = M(max_exp_avg_sqs[i]);
            at::maximum_out(max_sq, max_sq, exp_avg_sq);
            denom = (max_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        } else {
            denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        }
        param.addcdiv_(exp_avg, denom, -step_size);
    }
}
}  // namespace

// Which parameters have a gradient (has_grad[i] = 1/0), so the managed side can skip the others in one call.
DN_EXPORT int dn_optim_has_grad(const TensorH* params, int n, int* has_grad) {
    return void_guard([&] {
        for (int i = 0; i < n; ++i) has_grad[i] = T(params[i]).grad().defined() ? 1 : 0;
    });
}

// Optimizer.zero_grad: drops the gradients (set_to_none) or zeroes them in place, detached as PyTorch does.
DN_EXPORT int dn_optim_zero_grad(const TensorH* params, int n, int set_to_none) {
    return void_guard([&] {
        at::NoGradGuard no_grad;
        for (int i = 0; i < n; ++i) {
            auto& g = M(params[i]).mutable_grad();
            if (!g.defined()) continue;
            if (set_to_none) {
                g = at::Tensor();
            } else {
                if (g.grad_fn()) g.detach_();
                else g.requires_grad_(false);
                g.zero_();
            }
        }
    });
}

DN_EXPORT int dn_adam_step(const TensorH* params, int n, const TensorH* steps, const TensorH* exp_avgs,
                           const TensorH* exp_avg_sqs, const TensorH* max_exp_avg_sqs, double lr, double beta1,
                           double beta2, double eps, double weight_decay, int amsgrad, int maximize) {
    return void_guard([&] {
        adam_loop(params, n, steps, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, lr, beta1, beta2, eps, weight_decay,
                  amsgrad, maximize, /*decoupled=*/false);
    });
}

DN_EXPORT int dn_adamw_step(const TensorH* params, int n, const TensorH* steps, const TensorH* exp_avgs,
                            const TensorH* exp_avg_sqs, const TensorH* max_exp_avg_sqs, double lr, double beta1,
                            double beta2, double eps, double weight_decay, int amsgrad, int maximize) {
    return void_guard([&] {
        adam_loop(params, n, steps, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, lr, beta1, beta2, eps, weight_decay,
                  amsgrad, maximize, /*decoupled=*/true);
    });
}

// _single_tensor_sgd. momentum_buffers[i] == nullptr means "no buffer yet": when momentum != 0 a new one is
// created (a clone of the first update, as PyTorch does) and its handle written back for the caller to own.
DN_EXPORT int dn_sgd_step(const TensorH* params, int n, TensorH* momentum_buffers, double lr, double momentum,
                          double dampening, double weight_decay, int nesterov, int maximize) {
    return void_guard([&] {
        at::NoGradGuard no_grad;
        for (int i = 0; i < n; ++i) {
            auto& param = M(params[i]);
            auto d_p = grad_of(param, maximize);
            if (weight_decay != 0) d_p = d_p.add(param, weight_decay);
            if (momentum != 0) {
                at::Tensor buf;
                if (momentum_buffers[i] == nullptr) {
                    buf = d_p.clone().detach();
                    momentum_buffers[i] = new at::Tensor(buf);
                } else {
                    buf = M(momentum_buffers[i]);
                    buf.mul_(momentum).add_(d_p, 1 - dampening);
                }
                d_p = nesterov ? d_p.add(buf, momentum) : buf;
            }
            param.add_(d_p, -lr);
        }
    });
}

// _single_tensor_rmsprop. grad_avgs is null unless centered; momentum_buffers is null unless momentum > 0.
DN_EXPORT int dn_rmsprop_step(const TensorH* params, int n, const TensorH* steps, const TensorH* square_avgs,
                              const TensorH* grad_avgs, const TensorH* momentum_buffers, double lr, double alpha,
                              double eps, double weight_decay, double momentum, int centered, int maximize) {
    return void_guard([&] {
        at::NoGradGuard no_grad;
        for (int i = 0; i < n; ++i) {
            auto& param = M(params[i]);
            auto grad = grad_of(param, maximize);
            auto& square_avg = M(square_avgs[i]);
            M(steps[i]).add_(1);  // Python's state['step'] += 1 happens before the update

            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);

            at::Tensor avg;
            if (centered) {
                auto& grad_avg = M(grad_avgs[i]);
                grad_avg.mul_(alpha).add_(grad, 1 - alpha);
                avg = square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_();
            } else {
                avg = square_avg.sqrt();
            }
            avg = avg.add_(eps);

            if (momentum > 0) {
                auto& buf = M(momentum_buffers[i]);
                buf.mul_(momentum).addcdiv_(grad, avg);
                param.add_(buf, -lr);
            } else {
                param.addcdiv_(grad, avg, -lr);
            }
        }
    });
}
