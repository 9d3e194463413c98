using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Pads the last dims: <paramref name="pad"/> lists (left, right) for the last dim, then the one before…
            /// Modes "constant" (with <paramref name="value"/>), "reflect", "replicate", "circular".
            /// </summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0)
            {
                if (mode is not ("constant" or "reflect" or "replicate" or "circular"))
                    throw new ArgumentException($"unknown pad mode '{mode}': expected constant, reflect, replicate or circular", nameof(mode));
                fixed (long* p = pad) return new Tensor(LibTorch.dn_pad(input.Handle, p, pad.Length, mode, value));
            }
        }
    }
}
