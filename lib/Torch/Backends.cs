using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    /// <summary>Kernel choices, as <c>torch.backends</c>.</summary>
    public static class backends
    {
        /// <summary>
        /// CPU transposed convolutions computed as the adjoint of a oneDNN convolution (default true): the same
        /// result and gradients as libtorch's own kernel, which in 1.13 is a slow reference implementation on CPU.
        /// </summary>
        public static bool conv_transpose_via_adjoint
        {
            get => NativeError.CheckValue(LibTorch.dn_get_conv_transpose_via_adjoint(), -1) == 1;
            set => NativeError.Check(LibTorch.dn_set_conv_transpose_via_adjoint(value ? 1 : 0));
        }
    }
}
