using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            // With inplace the input is overwritten; the result is then a new wrapper of the same tensor.

            public static Tensor relu(Tensor input, bool inplace = false) => inplace ? input.relu_().alias() : input.relu();

            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) =>
                new(LibTorch.dn_leaky_relu(input.Handle, negative_slope, inplace ? 1 : 0));

            public static Tensor elu(Tensor input, double alpha = 1.0, bool inplace = false) =>
                new(LibTorch.dn_elu(input.Handle, alpha, inplace ? 1 : 0));

            public static Tensor hardtanh(Tensor input, double min_val = -1.0, double max_val = 1.0, bool inplace = false) =>
                new(LibTorch.dn_hardtanh(input.Handle, min_val, max_val, inplace ? 1 : 0));

            /// <summary>approximate: "none" (exact, with erf) or "tanh".</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") => new(LibTorch.dn_gelu(input.Handle, approximate));

            /// <summary>Gated linear unit: splits <paramref name="dim"/> in halves a, b and returns a·σ(b).</summary>
            public static Tensor glu(Tensor input, long dim = -1) => new(LibTorch.dn_glu(input.Handle, dim));

            /// <summary>log(1 + exp(β·x))/β, reverting to x where β·x &gt; threshold.</summary>
            public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20) =>
                new(LibTorch.dn_softplus(input.Handle, beta, threshold));

            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) =>
                new(LibTorch.dn_softmax(input.Handle, dim, dtype is null ? -1 : (int)dtype.Value));

            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) =>
                new(LibTorch.dn_log_softmax(input.Handle, dim, dtype is null ? -1 : (int)dtype.Value));

            public static Tensor tanh(Tensor input) => input.tanh();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
        }
    }
}
