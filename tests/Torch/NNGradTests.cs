using Dino.Repro.Tests.Support;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

/// <summary>Autograd against central finite differences (float64) for every differentiable layer op.</summary>
public class NNGradTests
{
    private static Tensor R(params long[] shape)
    {
        using var g = new Generator((ulong)shape.Aggregate(17L, (a, s) => a * 31 + s));
        return randn(shape, float64, generator: g);
    }

    // Values kept away from 0 so kinked activations are differentiable at every sample.
    private static Tensor AwayFromZero(params long[] shape)
    {
        var x = R(shape);
        return x + x.sign() * Scalars.Of(0.1);
    }

    [Fact]
    public void Linear_and_convolutions()
    {
        using var scope = NewDisposeScope();
        GradCheck.Assert(x => F.linear(x[0], x[1], x[2]), new[] { R(2, 3), R(4, 3), R(4) }, name: "linear");
        GradCheck.Assert(x => F.conv1d(x[0], x[1], x[2], stride: 2, padding: 1), new[] { R(1, 2, 5), R(3, 2, 3), R(3) }, name: "conv1d");
        GradCheck.Assert(
            x => F.conv2d(x[0], x[1], x[2], padding: new long[] { 1, 1 }, dilation: new long[] { 2, 2 }, groups: 2),
            new[] { R(1, 4, 4, 4), R(2, 2, 2, 2), R(2) },
            name: "conv2d grouped dilated"
        );
        GradCheck.Assert(x => F.conv2d_padding(x[0], x[1], null, padding: Padding.Same), new[] { R(1, 1, 3, 4), R(2, 1, 2, 3) }, name: "conv2d same");
        GradCheck.Assert(x => F.conv3d(x[0], x[1], x[2]), new[] { R(1, 1, 3, 3, 3), R(2, 1, 2, 2, 2), R(2) }, name: "conv3d");
        GradCheck.Assert(
            x => F.conv_transpose1d(x[0], x[1], x[2], stride: 2, output_padding: 1),
            new[] { R(1, 2, 3), R(2, 2, 3), R(2) },
            name: "conv_transpose1d"
        );
        GradCheck.Assert(
            x => F.conv_transpose2d(x[0], x[1], x[2], strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 }),
            new[] { R(1, 2, 3, 3), R(2, 1, 4, 4), R(1) },
            name: "conv_transpose2d"
        );
        GradCheck.Assert(
            x => F.conv_transpose3d(x[0], x[1], null, strides: new long[] { 2, 2, 2 }),
            new[] { R(1, 1, 2, 2, 2), R(1, 2, 2, 2, 2) },
            name: "conv_transpose3d"
        );
    }

    [Fact]
    public void Normalisations()
    {
        using var scope = NewDisposeScope();
        GradCheck.Assert(x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), new[] { R(4, 3, 2), R(3), R(3) }, name: "batch_norm");
        GradCheck.Assert(x => F.instance_norm(x[0], weight: x[1], bias: x[2]), new[] { R(2, 3, 4), R(3), R(3) }, name: "instance_norm");
        GradCheck.Assert(x => F.layer_norm(x[0], new long[] { 2, 3 }, x[1], x[2]), new[] { R(2, 2, 3), R(2, 3), R(2, 3) }, name: "layer_norm");
        GradCheck.Assert(x => F.group_norm(x[0], 2, x[1], x[2]), new[] { R(2, 4, 3), R(4), R(4) }, name: "group_norm");
    }

    [Fact]
    public void Pooling_and_interpolation()
    {
        using var scope = NewDisposeScope();
        GradCheck.Assert(x => F.avg_pool1d(x[0], 3, stride: 2, padding: 1), new[] { R(1, 2, 7) }, name: "avg_pool1d");
        GradCheck.Assert(x => F.avg_pool2d(x[0], 2, count_include_pad: false, padding: 1), new[] { R(1, 2, 4, 4) }, name: "avg_pool2d");
        GradCheck.Assert(x => F.avg_pool3d(x[0], new long[] { 2, 2, 2 }), new[] { R(1, 1, 4, 4, 2) }, name: "avg_pool3d");
        GradCheck.Assert(x => F.max_pool1d(x[0], 2), new[] { R(1, 2, 6) }, name: "max_pool1d");
        GradCheck.Assert(x => F.max_pool2d(x[0], 3, stride: 2, padding: 1), new[] { R(1, 2, 5, 5) }, name: "max_pool2d");
        GradCheck.Assert(x => F.max_pool3d(x[0], new long[] { 2, 2, 2 }), new[] { R(1, 1, 4, 2, 2) }, name: "max_pool3d");
        GradCheck.Assert(x => F.adaptive_avg_pool1d(x[0], 3), new[] { R(1, 2, 5) }, name: "adaptive_avg_pool1d");
        GradCheck.Assert(x => F.adaptive_avg_pool2d(x[0], (2, 3)), new[] { R(1, 1, 5, 4) }, name: "adaptive_avg_pool2d");
        GradCheck.Assert(x => F.adaptive_avg_pool3d(x[0], 1), new[] { R(1, 2, 2, 3, 2) }, name: "adaptive_avg_pool3d");
        GradCheck.Assert(x => F.interpolate(x[0], scale_factor: new[] { 2.0, 2 }), new[] { R(1, 2, 3, 2) }, name: "nearest");
        GradCheck.Assert(
            x => F.interpolate(x[0], size: new long[] { 5 }, mode: InterpolationMode.Linear, align_corners: true),
            new[] { R(1, 2, 3) },
            name: "linear"
        );
        GradCheck.Assert(
            x => F.interpolate(x[0], scale_factor: new[] { 2.0, 2 }, mode: InterpolationMode.Bilinear),
            new[] { R(1, 1, 3, 3) },
            name: "bilinear"
        );
        GradCheck.Assert(
            x => F.interpolate(x[0], size: new long[] { 3, 3, 3 }, mode: InterpolationMode.Trilinear, align_corners: true),
            new[] { R(1, 1, 2, 2, 2) },
            name: "trilinear"
        );
        GradCheck.Assert(x => F.interpolate(x[0], size: new long[] { 2, 2 }, mode: InterpolationMode.Area), new[] { R(1, 1, 4, 4) }, name: "area");
    }

    [Fact]
    public void Activations()
    {
        using var scope = NewDisposeScope();
        var x = new[] { AwayFromZero(3, 4) };
        GradCheck.Assert(t => F.relu(t[0]), x, name: "relu");
        GradCheck.Assert(t => F.leaky_relu(t[0], 0.2), x, name: "leaky_relu");
        GradCheck.Assert(t => F.elu(t[0], 0.7), x, name: "elu");
        GradCheck.Assert(t => F.gelu(t[0]), x, name: "gelu");
        GradCheck.Assert(t => F.gelu(t[0], GELU.Approximate.tanh), x, name: "gelu tanh");
        GradCheck.Assert(t => F.glu(t[0], 1), x, name: "glu");
        GradCheck.Assert(t => F.softplus(t[0], beta: 2), x, name: "softplus");
        GradCheck.Assert(t => F.hardtanh(t[0], -0.5, 0.5), x, name: "hardtanh");
        GradCheck.Assert(t => F.softmax(t[0], 1), x, name: "softmax");
        GradCheck.Assert(t => F.log_softmax(t[0], 0), x, name: "log_softmax");
        GradCheck.Assert(t => F.tanh(t[0]), x, name: "tanh");
        GradCheck.Assert(t => F.sigmoid(t[0]), x, name: "sigmoid");
    }

    [Fact]
    public void Dropout_with_a_fixed_mask()
    {
        using var scope = NewDisposeScope();
        // Re-seeding inside f draws the same mask at every evaluation, so dropout is a fixed linear map.
        GradCheck.Assert(
            t =>
            {
                manual_seed(5);
                return F.dropout(t[0], 0.4);
            },
            new[] { R(4, 5) },
            name: "dropout"
        );
        GradCheck.Assert(
            t =>
            {
                manual_seed(5);
                return F.dropout2d(t[0], 0.4);
            },
            new[] { R(2, 4, 2, 2) },
            name: "dropout2d"
        );
    }

    [Fact]
    public void Layers_in_float64()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var layers = new (nn.Module<Tensor, Tensor> layer, long[] input)[]
        {
            (nn.Linear(3, 2), new long[] { 2, 3 }),
            (nn.Conv1d(2, 2, 3, padding: 1, padding_mode: PaddingModes.Circular), new long[] { 1, 2, 4 }),
            (nn.Conv2d(2, 3, 3, padding: 1, padding_mode: PaddingModes.Reflect), new long[] { 1, 2, 3, 3 }),
            (nn.Conv3d(1, 2, 2), new long[] { 1, 1, 2, 3, 3 }),
            (nn.ConvTranspose1d(2, 1, 3, stride: 2), new long[] { 1, 2, 3 }),
            (nn.ConvTranspose2d(2, 2, 4, stride: 2, padding: 1, groups: 2), new long[] { 1, 2, 2, 2 }),
            (nn.ConvTranspose3d(1, 1, 2), new long[] { 1, 1, 2, 2, 2 }),
            (nn.BatchNorm1d(3), new long[] { 4, 3 }),
            (nn.BatchNorm2d(2), new long[] { 2, 2, 2, 2 }),
            (nn.BatchNorm3d(2), new long[] { 2, 2, 1, 2, 2 }),
            (nn.InstanceNorm1d(2, affine: true), new long[] { 2, 2, 4 }),
            (nn.InstanceNorm2d(2), new long[] { 2, 2, 2 }),
            (nn.InstanceNorm3d(1, track_running_stats: true), new long[] { 1, 1, 2, 2, 2 }),
            (nn.LayerNorm(4), new long[] { 3, 4 }),
            (nn.GroupNorm(2, 4), new long[] { 2, 4, 2 }),
            (nn.Upsample(scale_factor: new[] { 2.0, 2 }, mode: UpsampleMode.Bilinear, align_corners: true), new long[] { 1, 1, 2, 3 }),
            (nn.AvgPool2d(2), new long[] { 1, 1, 4, 4 }),
            (nn.MaxPool2d(2), new long[] { 1, 1, 4, 4 }),
            (nn.AdaptiveAvgPool2d(2), new long[] { 1, 1, 3, 3 }),
            (nn.ReflectionPad2d(1), new long[] { 1, 1, 3, 3 }),
            (nn.ReplicationPad1d(2), new long[] { 1, 1, 3 }),
            (nn.ZeroPad2d((1, 0, 2, 1)), new long[] { 1, 1, 2, 2 }),
            (nn.Flatten(), new long[] { 2, 2, 3 }),
            (nn.LeakyReLU(0.2), new long[] { 3, 4 }),
            (nn.ELU(), new long[] { 3, 4 }),
            (nn.GELU(), new long[] { 3, 4 }),
            (nn.GLU(), new long[] { 3, 4 }),
            (nn.Softmax(1), new long[] { 3, 4 }),
            (nn.LogSoftmax(1), new long[] { 3, 4 }),
        };
        foreach (var (layer, input) in layers)
        {
            using (layer)
            {
                layer.to(float64);
                if (layer is GroupNorm groupNorm)
                {
                    // PyTorch's init, done by hand: TorchSharp 0.107 leaves GroupNorm's weight and bias uninitialised
                    // (NNLayerModuleTests.Group_norm_starts_at_weight_one_bias_zero); garbage there spoils the check.
                    using var _ = no_grad();
                    groupNorm.weight.fill_(Scalars.Of(1));
                    groupNorm.bias!.zero_();
                }
                var x = layer is LeakyReLU ? AwayFromZero(input) : R(input);
                GradCheck.Assert(t => layer.call(t[0]), new[] { x }, name: layer.ToString());
            }
        }
    }
}
