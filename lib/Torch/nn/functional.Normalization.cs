using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Batch normalisation over (N, C, *). When <paramref name="training"/>, batch statistics are used and the
            /// running ones (if given) are updated in place: new = (1 − momentum)·old + momentum·batch, with the
            /// unbiased batch variance; otherwise the running statistics are used.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                if (training) VerifyBatchSize(input.shape);
                return new Tensor(LibTorch.dn_batch_norm(input.Handle, H(weight), H(bias), H(running_mean), H(running_var), training ? 1 : 0, momentum, eps));
            }

            /// <summary>Normalises each (sample, channel) over its spatial dims; running stats are optional as in PyTorch.</summary>
            public static Tensor instance_norm(Tensor input, Tensor? running_mean = null, Tensor? running_var = null, Tensor? weight = null,
                Tensor? bias = null, bool use_input_stats = true, double momentum = 0.1, double eps = 1e-5)
            {
                if (use_input_stats) VerifySpatialSize(input.shape);
                return new Tensor(LibTorch.dn_instance_norm(input.Handle, H(weight), H(bias), H(running_mean), H(running_var),
                    use_input_stats ? 1 : 0, momentum, eps));
            }

            /// <summary>Normalises over the trailing dims given by <paramref name="normalized_shape"/>.</summary>
            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* s = normalized_shape)
                    return new Tensor(LibTorch.dn_layer_norm(input.Handle, s, normalized_shape.Length, H(weight), H(bias), eps));
            }

            /// <summary>Normalises each sample over groups of channels (C must be divisible by num_groups).</summary>
            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                new(LibTorch.dn_group_norm(input.Handle, num_groups, H(weight), H(bias), eps));

            private static IntPtr H(Tensor? t) => t?.Handle ?? IntPtr.Zero;

            // Statistics of one value are meaningless (and the unbiased running variance would divide by zero).
            private static void VerifyBatchSize(long[] size)
            {
                long n = size[0];
                for (var i = 2; i < size.Length; i++) n *= size[i];
                if (n == 1) throw new TorchException($"Expected more than 1 value per channel when training, got input size [{string.Join(", ", size)}]");
            }

            private static void VerifySpatialSize(long[] size)
            {
                long n = 1;
                for (var i = 2; i < size.Length; i++) n *= size[i];
                if (n == 1) throw new TorchException($"Expected more than 1 spatial element when training, got input size [{string.Join(", ", size)}]");
            }
        }
    }
}
