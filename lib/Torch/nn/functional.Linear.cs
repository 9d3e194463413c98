using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>y = x·weightᵀ + bias, with weight of shape [out_features, in_features].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                new(LibTorch.dn_linear(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero));
        }
    }
}
