using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            // Batched (N, C, *spatial) or unbatched (C, *spatial) input; weight [out, in/groups, *kernel].
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, long groups = 1) => Convolution(1, input, weight, bias, stride, padding, dilation, false, null, groups);

            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, long groups = 1) => Convolution(2, input, weight, bias, stride, padding, dilation, false, null, groups);

            public static Tensor conv3d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, long groups = 1) => Convolution(3, input, weight, bias, stride, padding, dilation, false, null, groups);

            // Transposed convolutions: weight [in, out/groups, *kernel]; note PyTorch's argument order (groups before dilation).
            public static Tensor conv_transpose1d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? output_padding = null, long groups = 1, SizeArg? dilation = null) =>
                Convolution(1, input, weight, bias, stride, padding, dilation, true, output_padding, groups);

            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? output_padding = null, long groups = 1, SizeArg? dilation = null) =>
                Convolution(2, input, weight, bias, stride, padding, dilation, true, output_padding, groups);

            public static Tensor conv_transpose3d(Tensor input, Tensor weight, Tensor? bias = null, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? output_padding = null, long groups = 1, SizeArg? dilation = null) =>
                Convolution(3, input, weight, bias, stride, padding, dilation, true, output_padding, groups);

            internal static unsafe Tensor Convolution(int nd, Tensor input, Tensor weight, Tensor? bias, SizeArg? stride, SizeArg? padding,
                SizeArg? dilation, bool transposed, SizeArg? output_padding, long groups)
            {
                var s = (stride ?? 1).Expand(nd, "stride");
                var d = (dilation ?? 1).Expand(nd, "dilation");
                var b = bias?.Handle ?? IntPtr.Zero;
                fixed (long* ps = s)
                fixed (long* pd = d)
                {
                    if (padding is { Text: { } mode })
                    {
                        if (transposed) throw new ArgumentException($"padding='{mode}' is not supported for transposed convolutions", nameof(padding));
                        if (mode is not ("same" or "valid"))
                            throw new ArgumentException($"Invalid padding string '{mode}', should be one of {{'valid', 'same'}}", nameof(padding));
                        return new Tensor(LibTorch.dn_convolution_padding(input.Handle, weight.Handle, b, nd, ps, mode, pd, groups));
                    }
                    var p = (padding ?? 0).Expand(nd, "padding");
                    var op = (output_padding ?? 0).Expand(nd, "output_padding");
                    fixed (long* pp = p)
                    fixed (long* pop = op)
                        return new Tensor(LibTorch.dn_convolution(input.Handle, weight.Handle, b, nd, ps, pp, pd, transposed ? 1 : 0, pop, groups));
                }
            }
        }
    }
}
