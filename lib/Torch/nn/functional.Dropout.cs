using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Zeroes each element with probability p and scales the rest by 1/(1−p) when training; identity otherwise.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false) =>
                Dropout(input, p, training, feature: false, inplace);

            /// <summary>Zeroes whole channels of (N, C, L) or unbatched (C, L) input.</summary>
            public static Tensor dropout1d(Tensor input, double p = 0.5, bool training = true, bool inplace = false) =>
                FeatureDropout(input, p, training, inplace, batchedDim: 3, "dropout1d");

            /// <summary>
            /// Zeroes whole channels of (N, C, H, W) input. As in PyTorch 1.13, 3-d input is taken as (N, C, L)
            /// (channel-wise 1-d dropout), not as an unbatched image.
            /// </summary>
            public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true, bool inplace = false) =>
                Dropout(input, p, training, feature: true, inplace);

            /// <summary>Zeroes whole channels of (N, C, D, H, W) or unbatched (C, D, H, W) input.</summary>
            public static Tensor dropout3d(Tensor input, double p = 0.5, bool training = true, bool inplace = false) =>
                FeatureDropout(input, p, training, inplace, batchedDim: 5, "dropout3d");

            private static Tensor Dropout(Tensor input, double p, bool training, bool feature, bool inplace)
            {
                if (p is < 0 or > 1 || double.IsNaN(p))
                    throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}");
                return new Tensor(LibTorch.dn_dropout(input.Handle, p, training ? 1 : 0, feature ? 1 : 0, inplace ? 1 : 0));
            }

            private static Tensor FeatureDropout(Tensor input, double p, bool training, bool inplace, int batchedDim, string name)
            {
                var dim = input.dim();
                if (dim != batchedDim && dim != batchedDim - 1)
                    throw new TorchException($"{name}: Expected {batchedDim - 1}D or {batchedDim}D input, but received a {dim}D input");
                if (dim == batchedDim) return Dropout(input, p, training, feature: true, inplace);
                // Unbatched: the batch dim is added as a view, so in-place dropout still writes into input.
                using var batched = input.unsqueeze(0);
                using var result = Dropout(batched, p, training, feature: true, inplace);
                return result.squeeze(0);
            }
        }
    }
}
