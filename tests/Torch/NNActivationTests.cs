using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

public class NNActivationTests
{
    private static Tensor V(params double[] values) => tensor(values);

    [Fact]
    public void Pointwise_activations_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = V(-2, -0.5, 0.5, 3);
        Close.All(new[] { 0, 0, 0.5, 3 }, F.relu(x).ToArray<double>());
        Close.All(new[] { -0.4, -0.1, 0.5, 3 }, F.leaky_relu(x, 0.2).ToArray<double>(), 1e-12);
        Close.All(new[] { 0.7 * (Math.Exp(-2) - 1), 0.7 * (Math.Exp(-0.5) - 1), 0.5, 3 }, F.elu(x, 0.7).ToArray<double>(), 1e-12);
        // F.hardtanh is not checked: TorchSharp 0.107's Tensor.hardtanh discards libtorch's result and returns its
        // input unchanged (the kit does not use hardtanh).
        Close.All(
            new[] { Math.Log(1 + Math.Exp(-4)) / 2, Math.Log(1 + Math.Exp(-1)) / 2, Math.Log(1 + Math.Exp(1)) / 2, 3 },
            F.softplus(x, beta: 2, threshold: 5).ToArray<double>(),
            1e-12
        ); // 2·3 > 5: the last value passes through
        Close.All(x.ToArray<double>().Select(v => Math.Tanh(v)).ToArray(), F.tanh(x).ToArray<double>(), 1e-12);
        Close.All(x.ToArray<double>().Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), F.sigmoid(x).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Gelu_exact_and_tanh_approximation()
    {
        using var scope = NewDisposeScope();
        var x = V(-1, 0, 1, 2);
        // Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208.
        Close.All(new[] { -(1 - 0.8413447460685429), 0, 0.8413447460685429, 2 * 0.9772498680518208 }, F.gelu(x).ToArray<double>(), 1e-12);
        var approx = x.ToArray<double>().Select(v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))).ToArray();
        Close.All(approx, F.gelu(x, GELU.Approximate.tanh).ToArray<double>(), 1e-12);
        using var module = nn.GELU(GELU.Approximate.tanh);
        Close.All(approx, module.call(x).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Glu_gates_the_first_half_with_the_second()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        static double S(double v) => 1 / (1 + Math.Exp(-v));
        Close.All(new[] { 1 * S(3), 2 * S(4) }, F.glu(x, 0).ToArray<double>(), 1e-12);
        Close.All(new[] { 1 * S(2), 3 * S(4) }, F.glu(x).ToArray<double>(), 1e-12);
        Assert.Contains("Halving dimension must be even", Assert.Throws<ExternalException>(() => F.glu(V(1, 2, 3))).Message);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_log_softmax_is_its_log()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, -1, 0, 1000 }, new long[] { 2, 3 });
        var p = F.softmax(x, 1);
        Close.All(new[] { 1.0, 1 }, p.sum(new long[] { 1 }).ToArray<double>(), 1e-12);
        var e = new[] { Math.Exp(-2), Math.Exp(-1), 1 };
        Close.All(e.Select(v => v / e.Sum()).Concat(new double[] { 0, 0, 1 }).ToArray(), p.ToArray<double>(), 1e-12);
        // Stable for large inputs: log_softmax(1000) among small values is 0, not NaN.
        var logp = F.log_softmax(x, 1).ToArray<double>();
        Close.All(p.log().ToArray<double>().Take(3).ToArray(), logp.Take(3).ToArray(), 1e-12);
        Assert.Equal(0, logp[5], 12);
        // Dims as long[]: sum(0) would bind to sum(ScalarType) and total everything as Byte.
        Close.All(new[] { 1.0, 1, 1 }, F.softmax(x, 0).sum(new long[] { 0 }).ToArray<double>(), 1e-12);
        Assert.Equal(ScalarType.Float64, F.softmax(x.@float(), 1, float64).dtype);
    }

    [Fact]
    public void Softmax_modules_normalise_over_the_given_dim()
    {
        // TorchSharp's nn.Softmax always takes a dim (PyTorch's deprecated implicit-dim form does not exist there).
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4);
        using var explicitDim = nn.Softmax(2);
        using var firstDim = nn.Softmax(0);
        using var logSoftmax = nn.LogSoftmax(1);
        Assert.True(explicitDim.call(x).sum(new long[] { 2 }).allclose(ones(2, 3)));
        Assert.True(firstDim.call(x).sum(new long[] { 0 }).allclose(ones(3, 4))); // not sum(0): that is sum(ScalarType.Byte)
        Assert.True(logSoftmax.call(x).exp().sum(new long[] { 1 }).allclose(ones(2, 4)));
    }

    [Fact]
    public void Inplace_activations_overwrite_their_input()
    {
        using var scope = NewDisposeScope();
        var x = V(-1, 2);
        using var relu = nn.ReLU(inplace: true);
        relu.call(x);
        Assert.Equal(new[] { 0.0, 2 }, x.ToArray<double>());
        var y = V(-1, 2);
        using var leaky = nn.LeakyReLU(0.5, inplace: true);
        var result = leaky.call(y);
        Assert.Equal(new[] { -0.5, 2 }, y.ToArray<double>());
        Assert.Equal(y.storage<double>().data_ptr(), result.storage<double>().data_ptr()); // same memory, not a copy
        // F.elu(inplace: true) is not checked: TorchSharp 0.107's Tensor.elu_ computes out of place and leaves its
        // input unchanged (the kit does not use ELU).
        var w = V(-1, 2);
        using var notInplace = nn.LeakyReLU(0.5);
        notInplace.call(w);
        Assert.Equal(new[] { -1.0, 2 }, w.ToArray<double>());
    }
}
