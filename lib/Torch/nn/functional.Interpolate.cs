using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly string[] InterpolateModes = { "nearest", "linear", "bilinear", "bicubic", "trilinear", "area", "nearest-exact" };

            /// <summary>Resizes by a scale factor applied to every spatial dim (see the overload for the details).</summary>
            public static Tensor interpolate(Tensor input, double scale_factor, string mode = "nearest", bool? align_corners = null,
                bool? recompute_scale_factor = null) =>
                interpolate(input, size: null, new[] { scale_factor }, mode, align_corners, recompute_scale_factor);

            /// <summary>
            /// Resizes (N, C, *spatial) input to <paramref name="size"/> or by <paramref name="scale_factor"/> (exactly one),
            /// with PyTorch's modes: nearest, nearest-exact, linear (3-d), bilinear/bicubic (4-d), trilinear (5-d) and area.
            /// The output size is floor(input·scale); the scale itself drives the sampling unless
            /// <paramref name="recompute_scale_factor"/> is true. align_corners (default false) only applies to the
            /// interpolating modes.
            /// </summary>
            public static unsafe Tensor interpolate(Tensor input, SizeArg? size = null, double[]? scale_factor = null, string mode = "nearest",
                bool? align_corners = null, bool? recompute_scale_factor = null)
            {
                if (Array.IndexOf(InterpolateModes, mode) < 0)
                    throw new ArgumentException($"interpolate: unknown mode '{mode}', expected one of {string.Join(" | ", InterpolateModes)}", nameof(mode));
                var interpolating = mode is "linear" or "bilinear" or "bicubic" or "trilinear";
                if (align_corners is not null && !interpolating)
                    throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear", nameof(align_corners));
                var shape = input.shape;
                var nd = shape.Length - 2;
                if (nd is < 1 or > 3)
                    throw new TorchException($"Input Error: Only 3D, 4D and 5D input Tensors supported (got {shape.Length}D) for the modes: {string.Join(" | ", InterpolateModes)} (got {mode})");
                var needed = mode switch { "linear" => 1, "bilinear" or "bicubic" => 2, "trilinear" => 3, _ => nd };
                if (needed != nd) throw new TorchException($"Got {shape.Length}D input, but {mode} mode needs {needed + 2}D input");
                if ((size is null) == (scale_factor is null))
                    throw new ArgumentException(size is null ? "either size or scale_factor should be defined" : "only one of size or scale_factor should be defined");

                var outSize = size?.Expand(nd, "size");
                double[]? scales = null;
                if (scale_factor is not null)
                {
                    if (scale_factor.Length != 1 && scale_factor.Length != nd)
                        throw new ArgumentException($"Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [{string.Join(", ", shape[2..])}] and scale_factor of length {scale_factor.Length}", nameof(scale_factor));
                    scales = scale_factor.Length == 1 ? Enumerable.Repeat(scale_factor[0], nd).ToArray() : (double[])scale_factor.Clone();
                    if (recompute_scale_factor == true || mode == "area")
                    {
                        outSize = Enumerable.Range(0, nd).Select(i => (long)Math.Floor(shape[i + 2] * scales[i])).ToArray();
                        scales = null;
                    }
                }
                if (mode == "area") return AdaptiveAvgPool(nd, input, outSize!);

                fixed (long* ps = outSize)
                fixed (double* pf = scales)
                    return new Tensor(LibTorch.dn_interpolate(input.Handle, mode, ps, outSize?.Length ?? 0, pf, scales?.Length ?? 0,
                        align_corners == true ? 1 : 0));
            }
        }
    }
}
