using Dino.Repro.Models.Common;

namespace Dino.Repro.Tests.Models;

/// <summary>ResizeConv2d: nearest ×2, reflection pad, stride-1 conv — on large maps computed as its adjoint, same values and gradients.</summary>
public class ResizeConv2dTests
{
    [Theory]
    [InlineData(4)] // padded side 10: the plain convolution
    [InlineData(8)] // padded side 18: the adjoint form
    [InlineData(16)]
    public void Values_and_gradients_are_the_upsample_pad_conv_of_the_definition(int side)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)side);
        using var block = new ResizeConv2d(6, 3, 3, scale_factor: 2, bias: true).to(float64);
        var x = randn(new long[] { 2, 6, side, side }, float64, generator: g).requires_grad_(true);
        var y = block.call(x);
        var gradOut = randn(y.shape, float64, generator: g);
        var grads = torch.autograd.grad(new[] { y }, new[] { x }.Concat(block.parameters()).ToArray(), new[] { gradOut });

        // The definition, written out: repeat each pixel 2×2, reflect one pixel at each border, correlate with the weight.
        var weight = block.parameters().First(p => p.dim() == 4).detach().clone().requires_grad_(true);
        var bias = block.parameters().First(p => p.dim() == 1).detach().clone().requires_grad_(true);
        var x2 = x.detach().clone().requires_grad_(true);
        var up = x2.repeat_interleave(2, 2).repeat_interleave(2, 3);
        var padded = nn.functional.pad(up, new long[] { 1, 1, 1, 1 }, PaddingModes.Reflect);
        var reference = nn.functional.conv2d(padded, weight, bias);
        var refGrads = torch.autograd.grad(new[] { reference }, new[] { x2, weight, bias }, new[] { gradOut });

        Assert.True(y.allclose(reference, rtol: 0, atol: 1e-12), $"values, side {side}");
        Assert.True(grads[0].allclose(refGrads[0], rtol: 0, atol: 1e-12), $"input gradient, side {side}");
        Assert.True(grads[1].allclose(refGrads[1], rtol: 0, atol: 1e-10), $"weight gradient, side {side}");
        Assert.True(grads[2].allclose(refGrads[2], rtol: 0, atol: 1e-10), $"bias gradient, side {side}");
    }
}
