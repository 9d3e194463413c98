using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            // stride defaults to kernel_size, as in PyTorch.
            public static Tensor avg_pool1d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                bool ceil_mode = false, bool count_include_pad = true) =>
                AvgPool(1, input, kernel_size, stride, padding, ceil_mode, count_include_pad, null);

            public static Tensor avg_pool2d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) =>
                AvgPool(2, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

            public static Tensor avg_pool3d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) =>
                AvgPool(3, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

            public static Tensor max_pool1d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, bool ceil_mode = false) => MaxPool(1, input, kernel_size, stride, padding, dilation, ceil_mode);

            public static Tensor max_pool2d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, bool ceil_mode = false) => MaxPool(2, input, kernel_size, stride, padding, dilation, ceil_mode);

            public static Tensor max_pool3d(Tensor input, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
                SizeArg? dilation = null, bool ceil_mode = false) => MaxPool(3, input, kernel_size, stride, padding, dilation, ceil_mode);

            public static Tensor adaptive_avg_pool1d(Tensor input, SizeArg output_size) => AdaptiveAvgPool(1, input, output_size);
            public static Tensor adaptive_avg_pool2d(Tensor input, SizeArg output_size) => AdaptiveAvgPool(2, input, output_size);
            public static Tensor adaptive_avg_pool3d(Tensor input, SizeArg output_size) => AdaptiveAvgPool(3, input, output_size);

            internal static unsafe Tensor AvgPool(int nd, Tensor input, SizeArg kernel_size, SizeArg? stride, SizeArg? padding, bool ceil_mode,
                bool count_include_pad, long? divisor_override)
            {
                var k = kernel_size.Expand(nd, "kernel_size");
                var s = (stride ?? kernel_size).Expand(nd, "stride");
                var p = (padding ?? 0).Expand(nd, "padding");
                fixed (long* pk = k)
                fixed (long* ps = s)
                fixed (long* pp = p)
                    return new Tensor(LibTorch.dn_avg_pool(input.Handle, nd, pk, ps, pp, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0,
                        divisor_override ?? 0, divisor_override.HasValue ? 1 : 0));
            }

            internal static unsafe Tensor MaxPool(int nd, Tensor input, SizeArg kernel_size, SizeArg? stride, SizeArg? padding, SizeArg? dilation,
                bool ceil_mode)
            {
                var k = kernel_size.Expand(nd, "kernel_size");
                var s = (stride ?? kernel_size).Expand(nd, "stride");
                var p = (padding ?? 0).Expand(nd, "padding");
                var d = (dilation ?? 1).Expand(nd, "dilation");
                fixed (long* pk = k)
                fixed (long* ps = s)
                fixed (long* pp = p)
                fixed (long* pd = d)
                    return new Tensor(LibTorch.dn_max_pool(input.Handle, nd, pk, ps, pp, pd, ceil_mode ? 1 : 0));
            }

            internal static unsafe Tensor AdaptiveAvgPool(int nd, Tensor input, SizeArg output_size)
            {
                var size = output_size.Expand(nd, "output_size");
                fixed (long* p = size) return new Tensor(LibTorch.dn_adaptive_avg_pool(input.Handle, nd, p));
            }
        }
    }
}
