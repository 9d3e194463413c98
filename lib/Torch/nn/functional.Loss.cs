using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        // Losses as torch.nn.functional spells them. reduction is "none", "mean" (default) or "sum".
        public static partial class functional
        {
            public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                LossArgs.SameShape("l1_loss", input, target);
                return new Tensor(LibTorch.dn_l1_loss(input.Handle, target.Handle, LossArgs.Reduction(reduction)));
            }

            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                LossArgs.SameShape("mse_loss", input, target);
                return new Tensor(LibTorch.dn_mse_loss(input.Handle, target.Handle, LossArgs.Reduction(reduction)));
            }

            /// <summary>Quadratic below <paramref name="beta"/>, linear above: 0.5·d²/β if |d| &lt; β, else |d| − 0.5·β.</summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0)
            {
                LossArgs.SameShape("smooth_l1_loss", input, target);
                if (beta < 0) throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss: beta must be non-negative");
                return new Tensor(LibTorch.dn_smooth_l1_loss(input.Handle, target.Handle, LossArgs.Reduction(reduction), beta));
            }

            /// <summary>BCE of probabilities: −w·[y·log x + (1−y)·log(1−x)].</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean")
            {
                LossArgs.SameShape("binary_cross_entropy", input, target);
                return new Tensor(LibTorch.dn_binary_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero,
                    LossArgs.Reduction(reduction)));
            }

            /// <summary>BCE of logits, numerically stable: −w·[p·y·log σ(x) + (1−y)·log(1−σ(x))] with p = pos_weight.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean",
                Tensor? pos_weight = null)
            {
                LossArgs.SameShape("binary_cross_entropy_with_logits", input, target);
                return new Tensor(LibTorch.dn_binary_cross_entropy_with_logits(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero,
                    pos_weight?.Handle ?? IntPtr.Zero, LossArgs.Reduction(reduction)));
            }

            /// <summary>
            /// Cross entropy of logits (N, C, ...) against class indices (N, ...) — with <paramref name="ignore_index"/> —
            /// or against class probabilities of the input's shape. label_smoothing mixes the target with the uniform one.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                string reduction = "mean", double label_smoothing = 0.0)
            {
                if (label_smoothing is < 0 or > 1)
                    throw new ArgumentOutOfRangeException(nameof(label_smoothing), label_smoothing, "cross_entropy: label_smoothing must be in [0, 1]");
                return new Tensor(LibTorch.dn_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero,
                    LossArgs.Reduction(reduction), ignore_index, label_smoothing));
            }

            /// <summary>Negative log-likelihood of log-probabilities (N, C, ...) at class indices (N, ...).</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean") =>
                new(LibTorch.dn_nll_loss(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero, LossArgs.Reduction(reduction), ignore_index));

            /// <summary>
            /// KL(target ‖ exp(input)) for log-probabilities <paramref name="input"/>: target·(log target − input), or
            /// exp(t)·(t − input) when <paramref name="log_target"/>. "batchmean" divides the sum by the batch size
            /// (the true KL divergence per sample); "mean" averages over every element, as PyTorch does.
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, string reduction = "mean", bool log_target = false)
            {
                if (reduction != "batchmean")
                    return new Tensor(LibTorch.dn_kl_div(input.Handle, target.Handle, LossArgs.Reduction(reduction), log_target ? 1 : 0));
                using var sum = new Tensor(LibTorch.dn_kl_div(input.Handle, target.Handle, 2, log_target ? 1 : 0));
                return input.dim() == 0 ? sum.alias() : sum / input.size(0);
            }

            /// <summary>
            /// Connectionist temporal classification loss of log-probabilities (T, N, C) against targets (N, S) or
            /// concatenated (Σ target_lengths). "mean" divides each loss by its target length, then averages the batch.
            /// </summary>
            public static Tensor ctc_loss(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, long blank = 0,
                string reduction = "mean", bool zero_infinity = false) =>
                new(LibTorch.dn_ctc_loss(log_probs.Handle, targets.Handle, input_lengths.Handle, target_lengths.Handle, blank,
                    LossArgs.Reduction(reduction), zero_infinity ? 1 : 0));

            public static Tensor ctc_loss(Tensor log_probs, Tensor targets, long[] input_lengths, long[] target_lengths, long blank = 0,
                string reduction = "mean", bool zero_infinity = false)
            {
                using var inputs = tensor(input_lengths);
                using var targetLengths = tensor(target_lengths);
                return ctc_loss(log_probs, targets, inputs, targetLengths, blank, reduction, zero_infinity);
            }
        }
    }
}

/// <summary>Argument checks shared by every loss.</summary>
internal static class LossArgs
{
    /// <summary>libtorch's at::Reduction code of a PyTorch reduction name.</summary>
    internal static long Reduction(string reduction) => reduction switch
    {
        "none" => 0,
        "mean" => 1,
        "sum" => 2,
        _ => throw new ArgumentException($"unknown reduction '{reduction}': expected none, mean or sum", nameof(reduction)),
    };

    /// <summary>Element-wise losses refuse silent broadcasting (PyTorch warns; a wrong target shape is nearly always a bug).</summary>
    internal static void SameShape(string loss, Tensor input, Tensor target)
    {
        var a = input.shape;
        var b = target.shape;
        if (!a.SequenceEqual(b))
            throw new TorchException($"{loss}: target size [{string.Join(", ", b)}] is different to the input size [{string.Join(", ", a)}]");
    }
}
