using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// The adjoint path for CPU transposed convolutions must give libtorch's own kernel's values and
/// gradients: each case runs both (the switch off = libtorch's kernel) and compares.
/// </summary>
public class ConvTransposeAdjointTests
{
    public static TheoryData<int, int, int, int, int, int, bool> Cases => new()
    {
        // nd, stride, padding, output_padding, dilation, groups, bias
        { 2, 2, 1, 0, 1, 1, false },   // the pix2pix/DCGAN up-sampling layer
        { 2, 2, 1, 1, 1, 1, true },
        { 2, 1, 0, 0, 1, 1, true },    // DCGAN's first layer: 1×1 → 4×4
        { 2, 3, 2, 2, 2, 2, true },
        { 1, 2, 1, 1, 1, 1, true },
        { 1, 4, 0, 0, 1, 2, false },
        { 3, 2, 1, 0, 1, 1, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adjoint_path_matches_libtorchs_kernel_in_values_and_gradients(int nd, int stride, int padding, int outputPadding, int dilation,
        int groups, bool bias)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(nd * 100 + stride * 10 + padding);
        var spatial = Enumerable.Repeat(nd == 3 ? 3L : 5L, nd).ToArray();
        var x = randn(new long[] { 2, 4 }.Concat(spatial).ToArray(), float64, generator: g);
        var w = randn(new long[] { 4, 6 / groups }.Concat(Enumerable.Repeat(3L, nd)).ToArray(), float64, generator: g);
        var b = bias ? randn(new long[] { 6 }, float64, generator: g) : null;

        (double[] y, double[] gx, double[] gw, double[]? gb) Run(bool viaAdjoint)
        {
            var before = backends.conv_transpose_via_adjoint;
            backends.conv_transpose_via_adjoint = viaAdjoint;
            try
            {
                var xs = x.detach().requires_grad_();
                var ws = w.detach().requires_grad_();
                var bs = b?.detach().requires_grad_();
                var y = nd switch
                {
                    1 => nn.functional.conv_transpose1d(xs, ws, bs, stride, padding, outputPadding, groups, dilation),
                    2 => nn.functional.conv_transpose2d(xs, ws, bs, stride, padding, outputPadding, groups, dilation),
                    _ => nn.functional.conv_transpose3d(xs, ws, bs, stride, padding, outputPadding, groups, dilation),
                };
                using var gen = new Generator(5);
                (y * randn(y.shape, float64, generator: gen)).sum().backward();
                return (y.detach().ToArray<double>(), xs.grad!.ToArray<double>(), ws.grad!.ToArray<double>(), bs?.grad!.ToArray<double>());
            }
            finally
            {
                backends.conv_transpose_via_adjoint = before;
            }
        }

        var fast = Run(true);
        var reference = Run(false);
        Close.All(reference.y, fast.y, 1e-10, what: "output");
        Close.All(reference.gx, fast.gx, 1e-10, what: "grad input");
        Close.All(reference.gw, fast.gw, 1e-10, what: "grad weight");
        if (bias) Close.All(reference.gb!, fast.gb!, 1e-10, what: "grad bias");
    }

    [Fact]
    public void Adjoint_path_is_differentiable_twice()
    {
        // A gradient penalty through a transposed convolution needs its backward to be differentiable too.
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var w = randn(new long[] { 2, 3, 4, 4 }, float64, generator: g);
        GradCheck.Assert(xs =>
        {
            // The finite-difference pass runs under no_grad with plain inputs: re-enable grad for the inner derivative.
            using var _ = enable_grad();
            var x = xs[0].requires_grad ? xs[0] : xs[0].detach().requires_grad_();
            var y = nn.functional.conv_transpose2d(x, xs[1], stride: 2, padding: 1);
            return autograd.grad(new[] { y.pow(2).sum() }, new[] { x }, create_graph: true)[0]!;
        }, new[] { randn(new long[] { 1, 2, 3, 3 }, float64, generator: g), w }, name: "d/dx of ‖convT(x)‖²");
    }

    [Fact]
    public void The_switch_selects_the_kernel()
    {
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 1, 2, 3, 3 }, requires_grad: true);
        var w = randn(2, 2, 4, 4);
        var before = backends.conv_transpose_via_adjoint;
        try
        {
            backends.conv_transpose_via_adjoint = true;
            Assert.Contains("ConvTransposeAdjoint", nn.functional.conv_transpose2d(x, w, stride: 2).grad_fn_name);
            backends.conv_transpose_via_adjoint = false;
            Assert.Equal("ConvolutionBackward0", nn.functional.conv_transpose2d(x, w, stride: 2).grad_fn_name);
        }
        finally
        {
            backends.conv_transpose_via_adjoint = before;
        }
    }

    [Fact]
    public void Wrong_channel_count_names_the_problem()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => nn.functional.conv_transpose2d(zeros(1, 3, 4, 4), zeros(4, 2, 3, 3)));
        Assert.Contains("channels", ex.Message);
    }
}
