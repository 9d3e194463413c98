using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/optim.cpp (fused optimiser steps).
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib)] internal static partial int dn_optim_has_grad(IntPtr* @params, int n, int* has_grad);
    [LibraryImport(Lib)] internal static partial int dn_optim_zero_grad(IntPtr* @params, int n, int set_to_none);
    [LibraryImport(Lib)] internal static partial int dn_adam_step(IntPtr* @params, int n, IntPtr* steps, IntPtr* exp_avgs, IntPtr* exp_avg_sqs,
        IntPtr* max_exp_avg_sqs, double lr, double beta1, double beta2, double eps, double weight_decay, int amsgrad, int maximize);
    [LibraryImport(Lib)] internal static partial int dn_adamw_step(IntPtr* @params, int n, IntPtr* steps, IntPtr* exp_avgs, IntPtr* exp_avg_sqs,
        IntPtr* max_exp_avg_sqs, double lr, double beta1, double beta2, double eps, double weight_decay, int amsgrad, int maximize);
    [LibraryImport(Lib)] internal static partial int dn_sgd_step(IntPtr* @params, int n, IntPtr* momentum_buffers, double lr, double momentum,
        double dampening, double weight_decay, int nesterov, int maximize);
    [LibraryImport(Lib)] internal static partial int dn_rmsprop_step(IntPtr* @params, int n, IntPtr* steps, IntPtr* square_avgs, IntPtr* grad_avgs,
        IntPtr* momentum_buffers, double lr, double alpha, double eps, double weight_decay, double momentum, int centered, int maximize);
}
