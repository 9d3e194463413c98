using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// torch.nn.init: fills tensors in place (under no_grad) and returns them. Every random initialiser takes an
        /// optional <see cref="Generator"/>; without one it draws from the default generator, as PyTorch does.
        /// </summary>
        public static class init
        {
            /// <summary>The recommended gain for a nonlinearity (param: leaky_relu's negative slope, default 0.01).</summary>
            public static double calculate_gain(string nonlinearity, double? param = null) => nonlinearity switch
            {
                "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1.0,
                "tanh" => 5.0 / 3,
                "relu" => Math.Sqrt(2.0),
                "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
                "selu" => 3.0 / 4,
                _ => throw new ArgumentException($"Unsupported nonlinearity {nonlinearity}", nameof(nonlinearity)),
            };

            /// <summary>
            /// PyTorch's _calculate_fan_in_and_fan_out: fan_in = size(1)·receptive field, fan_out = size(0)·receptive field.
            /// </summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2)
                    throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", nameof(tensor));
                long receptive = 1;
                for (var i = 2; i < shape.Length; i++) receptive *= shape[i];
                return (shape[1] * receptive, shape[0] * receptive);
            }

            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
            {
                using var _ = no_grad();
                return tensor.uniform_(a, b, generator);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
            {
                using var _ = no_grad();
                return tensor.normal_(mean, std, generator);
            }

            public static Tensor constant_(Tensor tensor, double val)
            {
                using var _ = no_grad();
                return tensor.fill_(val);
            }

            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);
            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            /// <summary>U(−a, a) with a = gain·√(6/(fan_in + fan_out)) (Glorot and Bengio, 2010).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                var a = Math.Sqrt(3.0) * gain * Math.Sqrt(2.0 / (fanIn + fanOut));
                return uniform_(tensor, -a, a, generator);
            }

            /// <summary>N(0, std²) with std = gain·√(2/(fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
            }

            /// <summary>U(−bound, bound) with bound = gain·√(3/fan) (He et al., 2015); a is leaky_relu's slope.</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu",
                Generator? generator = null)
            {
                if (tensor.numel() == 0) return tensor;  // PyTorch only warns for zero-element tensors
                var bound = Math.Sqrt(3.0) * calculate_gain(nonlinearity, a) / Math.Sqrt(CorrectFan(tensor, mode));
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>N(0, std²) with std = gain/√fan.</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu",
                Generator? generator = null)
            {
                if (tensor.numel() == 0) return tensor;
                return normal_(tensor, 0, calculate_gain(nonlinearity, a) / Math.Sqrt(CorrectFan(tensor, mode)), generator);
            }

            /// <summary>
            /// A (semi-)orthogonal matrix from the QR decomposition of a normal sample, with R's diagonal signs folded
            /// into Q so the result is uniform over orthogonal matrices (Saxe et al., 2013); dims after the first are flattened.
            /// </summary>
            public static Tensor orthogonal_(Tensor tensor, double gain = 1, Generator? generator = null)
            {
                if (tensor.dim() < 2) throw new ArgumentException("Only tensors with 2 or more dimensions are supported", nameof(tensor));
                if (tensor.numel() == 0) return tensor;
                using var _ = no_grad();
                using var scope = NewDisposeScope();
                var rows = tensor.size(0);
                var cols = tensor.numel() / rows;
                var flattened = empty(new[] { rows, cols }, tensor.dtype, tensor.device).normal_(0, 1, generator);
                if (rows < cols) flattened = flattened.t();
                NativeError.Check(LibTorch.dn_linalg_qr(flattened.Handle, "reduced", out var qh, out var rh));
                var q = new Tensor(qh);
                var r = new Tensor(rh);
                q = q * r.diag().sign();
                if (rows < cols) q = q.t();
                tensor.copy_(q.reshape(tensor.shape));
                return tensor.mul_(gain);
            }

            private static long CorrectFan(Tensor tensor, string mode)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return mode switch
                {
                    "fan_in" => fanIn,
                    "fan_out" => fanOut,
                    _ => throw new ArgumentException($"Mode {mode} not supported, please use one of fan_in, fan_out", nameof(mode)),
                };
            }
        }
    }
}
