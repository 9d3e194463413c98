namespace Dino.Repro.Torch;

// Layer factories spelled as PyTorch's constructors: nn.Conv2d(3, 64, 4, stride: 2, padding: 1).
public static partial class torch
{
    public static partial class nn
    {
        public static Modules.Linear Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_features, out_features, bias, device, dtype);

        public static Modules.Conv1d Conv1d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
            SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        public static Modules.Conv2d Conv2d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
            SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        public static Modules.Conv3d Conv3d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
            SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype);

        public static Modules.ConvTranspose1d ConvTranspose1d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null,
            SizeArg? padding = null, SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null,
            string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype);

        public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null,
            SizeArg? padding = null, SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null,
            string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype);

        public static Modules.ConvTranspose3d ConvTranspose3d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null,
            SizeArg? padding = null, SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null,
            string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation, padding_mode, device, dtype);

        public static Modules.BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
            bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
            bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.BatchNorm3d BatchNorm3d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
            bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.InstanceNorm1d InstanceNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
            bool track_running_stats = false, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.InstanceNorm2d InstanceNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
            bool track_running_stats = false, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.InstanceNorm3d InstanceNorm3d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
            bool track_running_stats = false, Device? device = null, ScalarType? dtype = null) =>
            new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

        public static Modules.LayerNorm LayerNorm(SizeArg normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null,
            ScalarType? dtype = null) => new(normalized_shape, eps, elementwise_affine, device, dtype);

        public static Modules.GroupNorm GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true, Device? device = null,
            ScalarType? dtype = null) => new(num_groups, num_channels, eps, affine, device, dtype);

        public static Modules.Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);
        public static Modules.Dropout1d Dropout1d(double p = 0.5, bool inplace = false) => new(p, inplace);
        public static Modules.Dropout2d Dropout2d(double p = 0.5, bool inplace = false) => new(p, inplace);
        public static Modules.Dropout3d Dropout3d(double p = 0.5, bool inplace = false) => new(p, inplace);

        public static Modules.Upsample Upsample(SizeArg? size = null, double? scale_factor = null, string mode = "nearest", bool? align_corners = null,
            bool? recompute_scale_factor = null) => new(size, scale_factor, mode, align_corners, recompute_scale_factor);

        public static Modules.AvgPool1d AvgPool1d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
            bool count_include_pad = true) => new(kernel_size, stride, padding, ceil_mode, count_include_pad);

        public static Modules.AvgPool2d AvgPool2d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
            bool count_include_pad = true, long? divisor_override = null) => new(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

        public static Modules.AvgPool3d AvgPool3d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
            bool count_include_pad = true, long? divisor_override = null) => new(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

        public static Modules.MaxPool1d MaxPool1d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
            bool ceil_mode = false) => new(kernel_size, stride, padding, dilation, ceil_mode);

        public static Modules.MaxPool2d MaxPool2d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
            bool ceil_mode = false) => new(kernel_size, stride, padding, dilation, ceil_mode);

        public static Modules.MaxPool3d MaxPool3d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
            bool ceil_mode = false) => new(kernel_size, stride, padding, dilation, ceil_mode);

        public static Modules.AdaptiveAvgPool1d AdaptiveAvgPool1d(SizeArg output_size) => new(output_size);
        public static Modules.AdaptiveAvgPool2d AdaptiveAvgPool2d(SizeArg output_size) => new(output_size);
        public static Modules.AdaptiveAvgPool3d AdaptiveAvgPool3d(SizeArg output_size) => new(output_size);

        public static Modules.ReflectionPad1d ReflectionPad1d(SizeArg padding) => new(padding);
        public static Modules.ReflectionPad2d ReflectionPad2d(SizeArg padding) => new(padding);
        public static Modules.ReflectionPad3d ReflectionPad3d(SizeArg padding) => new(padding);
        public static Modules.ReplicationPad1d ReplicationPad1d(SizeArg padding) => new(padding);
        public static Modules.ReplicationPad2d ReplicationPad2d(SizeArg padding) => new(padding);
        public static Modules.ReplicationPad3d ReplicationPad3d(SizeArg padding) => new(padding);
        public static Modules.ZeroPad2d ZeroPad2d(SizeArg padding) => new(padding);

        public static Modules.Identity Identity() => new();
        public static Modules.Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        public static Modules.ReLU ReLU(bool inplace = false) => new(inplace);
        public static Modules.LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new(negative_slope, inplace);
        public static Modules.ELU ELU(double alpha = 1.0, bool inplace = false) => new(alpha, inplace);
        public static Modules.GELU GELU(string approximate = "none") => new(approximate);
        public static Modules.Tanh Tanh() => new();
        public static Modules.Sigmoid Sigmoid() => new();
        public static Modules.GLU GLU(long dim = -1) => new(dim);
        public static Modules.Softmax Softmax(long? dim = null) => new(dim);
        public static Modules.LogSoftmax LogSoftmax(long? dim = null) => new(dim);
    }
}
