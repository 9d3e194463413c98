using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

public class AutogradTests
{
    [Fact]
    public void Backward_accumulates_gradients_of_a_scalar()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        (x * x).sum().backward(); // d/dx Σx² = 2x
        Assert.Equal(new double[] { 2, 4, 6 }, x.grad!.ToArray<double>());
        (x * Scalars.Of(3)).sum().backward(); // accumulates: 2x + 3
        Assert.Equal(new double[] { 5, 7, 9 }, x.grad!.ToArray<double>());
        Assert.True(x.is_leaf);
        // TorchSharp exposes no grad_fn; a recorded result is a non-leaf that requires grad.
        Assert.False((x * x).is_leaf);
        Assert.True((x * x).requires_grad);
    }

    [Fact]
    public void Backward_with_an_explicit_gradient()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = x.exp();
        y.backward(new[] { tensor(new double[] { 1, 10 }) });
        Close.All(new[] { Math.Exp(1), 10 * Math.Exp(2) }, x.grad!.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void No_grad_records_nothing_and_restores_the_mode()
    {
        using var scope = NewDisposeScope();
        var x = ones(new long[] { 2 }, requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * Scalars.Of(2)).requires_grad);
            using (enable_grad())
                Assert.True((x * Scalars.Of(2)).requires_grad);
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
        Assert.True((x * Scalars.Of(2)).requires_grad);
        Assert.False((x * Scalars.Of(2)).detach().requires_grad);
    }

    [Fact]
    public void Autograd_grad_with_create_graph_gives_second_derivatives()
    {
        // f(x) = x³: f' = 3x², f'' = 6x — the machinery WGAN-GP's gradient penalty needs.
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.5, -2 }, requires_grad: true);
        var y = x.pow(Scalars.Of(3)).sum();
        var dy = autograd.grad(new[] { y }, new[] { x }, create_graph: true)[0]!;
        Close.All(new[] { 0.75, 12 }, dy.ToArray<double>(), 1e-12);
        Assert.True(dy.requires_grad);
        var d2 = autograd.grad(new[] { dy.sum() }, new[] { x })[0]!;
        Close.All(new[] { 3.0, -12 }, d2.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Gradient_penalty_backpropagates_to_weights()
    {
        // D(x) = w·x², penalty = (‖∂D/∂x‖ − 1)² = (2|w|‖x‖ − 1)²; d/dw = 2(2|w|‖x‖ − 1)·2‖x‖·sign(w).
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0.7 }, requires_grad: true);
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var d = (w * x * x).sum();
        // PyTorch's retain_graph defaults to create_graph; TorchSharp's defaults to false, so it is passed explicitly.
        var gx = autograd.grad(new[] { d }, new[] { x }, grad_outputs: new[] { ones_like(d) }, retain_graph: true, create_graph: true)[0]!;
        var penalty = (gx.norm() - Scalars.Of(1)).pow(Scalars.Of(2));
        penalty.backward();
        var nx = Math.Sqrt(5);
        var expected = 2 * (2 * 0.7 * nx - 1) * 2 * nx;
        Assert.Equal(expected, w.grad!.item<double>(), 10);
    }

    [Fact]
    public void Unused_inputs_give_an_empty_gradient_when_allowed()
    {
        using var scope = NewDisposeScope();
        var a = ones(new long[] { 2 }, float64, requires_grad: true);
        var b = ones(new long[] { 2 }, float64, requires_grad: true);
        var y = (a * Scalars.Of(2)).sum();
        var grads = autograd.grad(new[] { y }, new[] { a, b }, allow_unused: true);
        Assert.Equal(new double[] { 2, 2 }, grads[0].ToArray<double>());
        // TorchSharp returns an unused input's gradient as a Tensor with an empty handle, not null.
        Assert.True(grads[1].IsInvalid);
        // Not tested: without allow_unused, libtorch's "appears to not have been used in the graph" error escapes
        // TorchSharp 0.107's THSAutograd_grad and terminates the process (std::terminate) instead of throwing.
    }

    [Fact]
    public void Backward_twice_without_retain_graph_is_an_error_not_a_crash()
    {
        using var scope = NewDisposeScope();
        var x = ones(new long[] { 2 }, float64, requires_grad: true);
        var y = (x.exp() * x).sum();
        y.backward();
        var ex = Assert.Throws<ExternalException>(() => y.backward());
        Assert.Contains("second time", ex.Message);
    }

    public static TheoryData<string> CoreOps =>
        new()
        {
            "add",
            "sub",
            "mul",
            "div",
            "pow",
            "exp",
            "log",
            "sqrt",
            "sin",
            "cos",
            "tanh",
            "sigmoid",
            "abs",
            "clamp",
            "sum_dim",
            "mean",
            "var",
            "std",
            "logsumexp",
            "norm",
            "max_dim",
            "matmul",
            "bmm",
            "permute",
            "cat",
            "stack",
            "index_select",
            "gather",
            "where",
            "pad_reflect",
            "pad_replicate",
            "flip",
            "roll",
            "slice",
            "expand",
            "masked_fill",
            "atan2",
            "maximum",
            "softplus_by_hand",
            "split",
            "narrow",
            "scatter_add",
            "einsum",
        };

    [Theory]
    [MemberData(nameof(CoreOps))]
    public void Core_op_gradients_match_finite_differences(string op)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var a = rand(new long[] { 2, 3 }, float64, generator: g) + Scalars.Of(0.5); // positive: log/sqrt/pow are smooth there
        var b = rand(new long[] { 2, 3 }, float64, generator: g) + Scalars.Of(0.5);
        var idx = tensor(new long[] { 2, 0 });
        Func<Tensor[], Tensor> f = op switch
        {
            "add" => x => x[0] + x[1] * Scalars.Of(2),
            "sub" => x => x[0] - x[1],
            "mul" => x => x[0] * x[1],
            "div" => x => x[0] / x[1],
            "pow" => x => x[0].pow(x[1]),
            "exp" => x => x[0].exp(),
            "log" => x => x[0].log(),
            "sqrt" => x => x[0].sqrt(),
            "sin" => x => x[0].sin(),
            "cos" => x => x[0].cos(),
            "tanh" => x => x[0].tanh(),
            "sigmoid" => x => x[0].sigmoid(),
            "abs" => x => (x[0] - Scalars.Of(1)).abs(),
            "clamp" => x => x[0].clamp(Scalars.Of(0.7), Scalars.Of(1.2)),
            "sum_dim" => x => x[0].sum(1),
            "mean" => x => x[0].mean(new long[] { 0 }, keepdim: true),
            "var" => x => x[0].var(1),
            "std" => x => x[0].std(),
            "logsumexp" => x => x[0].logsumexp(1),
            "norm" => x => x[0].norm(),
            "max_dim" => x => x[0].max(1).values,
            "matmul" => x => x[0].matmul(x[1].T),
            "bmm" => x => x[0].unsqueeze(0).bmm(x[1].T.unsqueeze(0)),
            "permute" => x => x[0].permute(1, 0) * x[1].T,
            "cat" => x => cat(new[] { x[0], x[1] * Scalars.Of(3) }, 1),
            "stack" => x => stack(new[] { x[0], x[1] }, 0).prod(dim: 0), // a bare 0 would bind prod(ScalarType?)
            "index_select" => x => x[0].index_select(1, idx),
            "gather" => x => x[0].gather(1, tensor(new long[] { 2, 0, 1, 1 }).view(2, 2)),
            "where" => x => where(x[0] > x[1], x[0], x[1] * Scalars.Of(2)),
            "pad_reflect" => x => nn.functional.pad(x[0].unsqueeze(0), new long[] { 2, 2 }, PaddingModes.Reflect),
            "pad_replicate" => x => nn.functional.pad(x[0].unsqueeze(0), new long[] { 1, 2 }, PaddingModes.Replicate),
            "flip" => x => x[0].flip(1) * x[1],
            "roll" => x => x[0].roll(1, 1) * x[1],
            "slice" => x => x[0][.., 1..] * Scalars.Of(2),
            "expand" => x => x[0][.., ..1].expand(2, 3) * x[1],
            "masked_fill" => x => x[0].masked_fill(x[1] > Scalars.Of(1), Scalars.Of(0.0)),
            "atan2" => x => x[0].atan2(x[1]),
            "maximum" => x => x[0].maximum(x[1]),
            "softplus_by_hand" => x => (x[0].exp() + Scalars.Of(1)).log(),
            "split" => x => x[0].split(2, 1)[1] * Scalars.Of(3),
            "narrow" => x => x[0].narrow(1, 1, 2),
            "scatter_add" => x => x[0].scatter_add(1, tensor(new long[] { 0, 0, 1, 2, 2, 2 }).view(2, 3), x[1]),
            "einsum" => x => einsum("ij,kj->ik", x[0], x[1]),
            _ => throw new ArgumentException(op),
        };
        GradCheck.Assert(f, new[] { a, b }, name: op);
    }
}
