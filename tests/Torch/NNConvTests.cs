using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

public class NNConvTests
{
    [Fact]
    public void Conv2d_by_hand_on_a_tiny_input()
    {
        using var scope = NewDisposeScope();
        // 3×3 input, 2×2 kernel of ones plus bias 1: each output is its window's sum + 1.
        var x = tensor(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 1, 1, 3, 3 });
        var w = ones(new long[] { 1, 1, 2, 2 }, float64);
        var y = F.conv2d(x, w, tensor(new double[] { 1 }));
        Assert.Equal(new[] { 13.0, 17, 25, 29 }, y.ToArray<double>());
        // Padding 1, stride 2: the windows cover real pixels {1}, {2,3}, {4,7} and {5,6,8,9}.
        Assert.Equal(new[] { 1.0, 5, 11, 28 }, F.conv2d(x, w, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 }).ToArray<double>());
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(2, 1, 1, 2)]
    public void Conv2d_matches_the_loop_reference(int stride, int padding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var input = ConvReference.Random(2, 4, 6, 5, seed: 1);
        var weight = ConvReference.Random(6, 4 / groups, 3, 2, seed: 2);
        var bias = new[] { 0.5, -1, 2, 0, 1, -0.25 };
        var expected = ConvReference.Conv2d(input, weight, bias, stride, padding, dilation, groups);
        var actual = F.conv2d(
            ConvReference.ToTensor(input),
            ConvReference.ToTensor(weight),
            tensor(bias),
            strides: new long[] { stride, stride },
            padding: new long[] { padding, padding },
            dilation: new long[] { dilation, dilation },
            groups: groups
        );
        Assert.Equal(ConvReference.Shape(expected), actual.shape);
        Close.All(ConvReference.Flat(expected), actual.ToArray<double>(), 1e-10);
    }

    [Theory]
    [InlineData(1, 0, 0, 1, 1)]
    [InlineData(2, 1, 1, 1, 1)]
    [InlineData(2, 0, 0, 2, 1)]
    [InlineData(3, 1, 2, 1, 2)]
    public void ConvTranspose2d_matches_the_loop_reference(int stride, int padding, int outputPadding, int dilation, int groups)
    {
        using var scope = NewDisposeScope();
        var input = ConvReference.Random(2, 4, 3, 4, seed: 3);
        var weight = ConvReference.Random(4, 3, 3, 2, seed: 4);
        var bias = Enumerable.Range(0, 3 * groups).Select(i => i * 0.5 - 1).ToArray();
        var expected = ConvReference.ConvTranspose2d(input, weight, bias, stride, padding, outputPadding, dilation, groups);
        // TorchSharp orders dilation before groups (PyTorch: groups, dilation), so every argument is named.
        var actual = F.conv_transpose2d(
            ConvReference.ToTensor(input),
            ConvReference.ToTensor(weight),
            tensor(bias),
            strides: new long[] { stride, stride },
            padding: new long[] { padding, padding },
            output_padding: new long[] { outputPadding, outputPadding },
            dilation: new long[] { dilation, dilation },
            groups: groups
        );
        Assert.Equal(ConvReference.Shape(expected), actual.shape);
        Close.All(ConvReference.Flat(expected), actual.ToArray<double>(), 1e-10);
    }

    [Fact]
    public void Transposed_convolution_is_the_adjoint_of_convolution()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(9);
        var x = randn(new long[] { 2, 3, 8, 8 }, float64, generator: g);
        var w = randn(new long[] { 5, 3, 4, 4 }, float64, generator: g);
        var y = randn(new long[] { 2, 5, 4, 4 }, float64, generator: g);
        // <conv(x), y> = <x, conv_transpose(y)> with the same weight, stride and padding.
        var lhs = (F.conv2d(x, w, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 }) * y).sum().item<double>();
        var rhs = (x * F.conv_transpose2d(y, w, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 })).sum().item<double>();
        Assert.Equal(lhs, rhs, 9);
    }

    [Fact]
    public void Conv1d_and_conv3d_reduce_to_conv2d_on_flat_dims()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var x = randn(new long[] { 1, 2, 7 }, float64, generator: g);
        var w = randn(new long[] { 3, 2, 3 }, float64, generator: g);
        var as2d = F.conv2d(x.unsqueeze(2), w.unsqueeze(2), strides: new long[] { 1, 2 }).squeeze(2);
        Assert.True(F.conv1d(x, w, stride: 2).allclose(as2d));
        var as3d = F.conv3d(x.unsqueeze(2).unsqueeze(2), w.unsqueeze(2).unsqueeze(2), strides: new long[] { 2, 2, 2 }).squeeze(2).squeeze(2);
        Assert.True(F.conv1d(x, w, stride: 2).allclose(as3d));
        var t3d = F.conv_transpose3d(x.unsqueeze(2).unsqueeze(2), w.transpose(0, 1).unsqueeze(2).unsqueeze(2), strides: new long[] { 2, 2, 2 })
            .squeeze(2)
            .squeeze(2);
        Assert.True(F.conv_transpose1d(x, w.transpose(0, 1), stride: 2).allclose(t3d));
    }

    [Fact]
    public void Same_padding_keeps_the_size_and_puts_the_odd_pixel_on_the_right()
    {
        using var scope = NewDisposeScope();
        var x = arange(Scalars.Of(1.0), Scalars.Of(6.0), dtype: float64).reshape(1, 1, 5);
        var w = tensor(new double[] { 1, 10 }, new long[] { 1, 1, 2 });
        // Kernel 2 needs one pixel of padding: PyTorch adds it after the input, so y[i] = x[i] + 10·x[i+1].
        Assert.Equal(new[] { 21.0, 32, 43, 54, 5 }, F.conv1d_padding(x, w, padding: Padding.Same).ToArray<double>());
        Assert.Equal(new long[] { 1, 1, 4 }, F.conv1d_padding(x, w, padding: Padding.Valid).shape);
        using var conv = nn.Conv1d(1, 1, 2, padding: Padding.Same, bias: false);
        using (no_grad())
            conv.weight.copy_(w.@float());
        Assert.Equal(new float[] { 21, 32, 43, 54, 5 }, conv.call(x.@float()).ToArray<float>());
    }

    [Theory]
    [InlineData(PaddingModes.Reflect, new[] { 2.0, 1, 2, 3, 2 })]
    [InlineData(PaddingModes.Replicate, new[] { 1.0, 1, 2, 3, 3 })]
    [InlineData(PaddingModes.Circular, new[] { 3.0, 1, 2, 3, 1 })]
    public void Padding_modes_pad_before_a_zero_padded_conv(PaddingModes mode, double[] padded)
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv1d(1, 1, 3, padding: 1, padding_mode: mode, bias: false, dtype: float64);
        using (no_grad())
            conv.weight.copy_(tensor(new double[] { 1, 10, 100 }, new long[] { 1, 1, 3 }));
        var y = conv.call(tensor(new double[] { 1, 2, 3 }, new long[] { 1, 1, 3 }));
        var expected = Enumerable.Range(0, 3).Select(i => padded[i] + 10 * padded[i + 1] + 100 * padded[i + 2]).ToArray();
        Assert.Equal(expected, y.ToArray<double>());
    }

    [Fact]
    public void Unbatched_input_gives_unbatched_output()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3);
        using var deconv = nn.ConvTranspose2d(3, 2, 3);
        var x = randn(2, 5, 5);
        var y = conv.call(x);
        Assert.Equal(new long[] { 3, 3, 3 }, y.shape);
        Assert.True(y.allclose(conv.call(x.unsqueeze(0)).squeeze(0), 1e-5, 1e-6));
        Assert.Equal(new long[] { 2, 5, 5 }, deconv.call(y).shape);
    }

    [Fact]
    public void Wrong_channel_count_is_refused_naming_the_channels()
    {
        using var scope = NewDisposeScope();
        // TorchSharp's conv modules check the channel count themselves (ArgumentException) before libtorch sees the input.
        using var conv = nn.Conv2d(3, 8, 3);
        Assert.Contains("with 3 channels", Assert.Throws<ArgumentException>(() => conv.call(randn(1, 4, 8, 8))).Message);
        using var deconv = nn.ConvTranspose2d(3, 8, 3);
        Assert.Contains("with 3 channels", Assert.Throws<ArgumentException>(() => deconv.call(randn(1, 4, 8, 8))).Message);
        // The functional form reaches libtorch, whose message names both counts.
        var ex = Assert.Throws<ExternalException>(() => F.conv2d(randn(1, 4, 8, 8), conv.weight));
        Assert.Contains("to have 3 channels, but got 4 channels instead", ex.Message);
        using var linear = nn.Linear(3, 5);
        var lx = Assert.Throws<ExternalException>(() => linear.call(randn(2, 4)));
        Assert.Contains("2x4 and 3x5", lx.Message);
    }

    [Fact]
    public void Bad_constructor_arguments_are_named()
    {
        Assert.Contains("strided", Assert.Throws<ArgumentException>(() => nn.Conv2d(3, 6, 3, stride: 2, padding: Padding.Same)).Message);
        Assert.Contains("Zeros", Assert.Throws<ArgumentException>(() => nn.ConvTranspose2d(3, 6, 3, padding_mode: PaddingModes.Reflect)).Message);
    }

    [Fact]
    public void Groups_that_do_not_divide_in_channels_fail_at_the_first_forward()
    {
        // PyTorch refuses this in the constructor ("in_channels must be divisible by groups"); TorchSharp builds a
        // [6, 1, 3, 3] weight (3 / 2 rounded down) and libtorch refuses the first forward instead.
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(3, 6, 3, groups: 2);
        var ex = Assert.Throws<ExternalException>(() => conv.call(randn(1, 3, 8, 8)));
        Assert.Contains("groups=2", ex.Message);
    }
}
