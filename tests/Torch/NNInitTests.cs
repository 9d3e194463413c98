using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using FanInOut = TorchSharp.torch.nn.init.FanInOut;
using init = TorchSharp.torch.nn.init;
using NL = TorchSharp.torch.nn.init.NonlinearityType;

namespace Dino.Repro.Tests.Torch;

public class NNInitTests
{
    private static (double mean, double std) Stats(Tensor t)
    {
        var v = t.@double().ToArray<double>();
        var mean = v.Average();
        return (mean, Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average()));
    }

    [Fact]
    public void Gains_and_fans_follow_pytorch()
    {
        // TorchSharp names the nonlinearity with an enum (no "selu", no string errors) and forwards to libtorch's
        // calculate_gain; the values are PyTorch's documented gains.
        using var scope = NewDisposeScope();
        Assert.Equal(1.0, init.calculate_gain(NL.Conv2D));
        Assert.Equal(1.0, init.calculate_gain(NL.Sigmoid));
        Assert.Equal(5.0 / 3, init.calculate_gain(NL.Tanh));
        Assert.Equal(Math.Sqrt(2), init.calculate_gain(NL.ReLU));
        // PyTorch's default leaky_relu slope is 0.01; TorchSharp's param defaults to 0, so the slope is passed.
        Assert.Equal(Math.Sqrt(2 / 1.0001), init.calculate_gain(NL.LeakyReLU, 0.01), 15);
        Assert.Equal(Math.Sqrt(2 / 1.04), init.calculate_gain(NL.LeakyReLU, 0.2), 15);
        Assert.Equal((48L, 1024L), init.CalculateFanInAndFanOut(empty(64, 3, 4, 4)));
        Assert.Equal((10L, 5L), init.CalculateFanInAndFanOut(empty(5, 10)));
        Assert.Contains("fewer than 2 dimensions", Assert.Throws<ArgumentException>(() => init.CalculateFanInAndFanOut(empty(5))).Message);
    }

    [Fact]
    public void Kaiming_normal_std_is_gain_over_sqrt_fan()
    {
        using var scope = NewDisposeScope();
        manual_seed(1); // TorchSharp's kaiming_normal_ takes no generator; it draws from the default one.
        var w = empty(400, 250, 2);
        Assert.Same(w, init.kaiming_normal_(w, nonlinearity: NL.ReLU));
        var (mean, std) = Stats(w);
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(std / (Math.Sqrt(2) / Math.Sqrt(500)), 0.99, 1.01);
        init.kaiming_normal_(w, mode: FanInOut.FanOut, nonlinearity: NL.ReLU);
        Assert.InRange(Stats(w).std / (Math.Sqrt(2) / Math.Sqrt(800)), 0.99, 1.01);
    }

    [Fact]
    public void Kaiming_and_xavier_uniform_bounds()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var w = empty(300, 200);
        var bound = Math.Sqrt(3) * Math.Sqrt(2 / (1 + 0.1 * 0.1)) / Math.Sqrt(200); // leaky_relu gain with a = 0.1
        init.kaiming_uniform_(w, a: 0.1);
        var v = w.@double().ToArray<double>();
        Assert.InRange(v.Max(Math.Abs), 0.999 * bound, bound);
        Assert.InRange(Stats(w).std / (bound / Math.Sqrt(3)), 0.99, 1.01);
        var xb = 1.5 * Math.Sqrt(6.0 / 500);
        init.xavier_uniform_(w, gain: 1.5);
        Assert.InRange(w.@double().ToArray<double>().Max(Math.Abs), 0.999 * xb, xb);
        // NB TorchSharp 0.107's xavier_normal_ calls the xavier *uniform* kernel (THSInit_xavier_uniform_). Its std is
        // the same, so this check passes, but the distribution is not normal. The kit does not use it (WeightInit
        // draws its own normal), so the bug is reported rather than tested here.
        init.xavier_normal_(w);
        Assert.InRange(Stats(w).std / Math.Sqrt(2.0 / 500), 0.99, 1.01);
    }

    [Fact]
    public void Normal_uniform_and_constants()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var t = empty(100_000);
        init.normal_(t, 2, 0.5);
        var (mean, std) = Stats(t);
        Assert.InRange(mean, 1.99, 2.01);
        Assert.InRange(std, 0.495, 0.505);
        init.uniform_(t, -3, -1);
        var v = t.ToArray<float>();
        Assert.True(v.Min() >= -3 && v.Max() <= -1);
        Assert.InRange(v.Average(), -2.01, -1.99);
        Assert.All(init.constant_(t, Scalars.Of(0.25)).ToArray<float>(), x => Assert.Equal(0.25f, x));
        Assert.All(init.ones_(t).ToArray<float>(), x => Assert.Equal(1f, x));
        Assert.All(init.zeros_(t).ToArray<float>(), x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(6, 10)]
    [InlineData(10, 6)]
    [InlineData(8, 8)]
    public void Orthogonal_gives_orthonormal_rows_or_columns(long rows, long cols)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var w = empty(new[] { rows, cols }, float64);
        init.orthogonal_(w, gain: 2);
        // The smaller Gram matrix is gain²·I.
        var gram = rows < cols ? w.mm(w.t()) : w.t().mm(w);
        var n = Math.Min(rows, cols);
        Close.All(eye(n, dtype: float64).mul(Scalars.Of(4.0)).ToArray<double>(), gram.ToArray<double>(), OrthogonalTolerance);
    }

    // libtorch's C++ orthogonal_ draws its random matrix with torch::randn (float32) whatever the tensor's dtype, and
    // takes its QR there, so a float64 result is orthonormal to float32 precision only (PyTorch's Python version
    // draws in the tensor's dtype). Float32 rounding of an orthonormal 10×10 basis leaves Gram errors of a few ε₃₂.
    private const double OrthogonalTolerance = 1e-5;

    [Fact]
    public void Orthogonal_flattens_trailing_dims_and_rejects_vectors()
    {
        using var scope = NewDisposeScope();
        var w = empty(new long[] { 8, 2, 2, 2 }, float64);
        init.orthogonal_(w);
        var flat = w.reshape(8, 8);
        Close.All(eye(8, dtype: float64).ToArray<double>(), flat.t().mm(flat).ToArray<double>(), OrthogonalTolerance);
        Assert.Contains("2 or more dimensions", Assert.Throws<ExternalException>(() => init.orthogonal_(empty(4))).Message);
    }

    [Fact]
    public void The_kits_weight_init_honours_its_generator_and_leaves_the_default_stream_alone()
    {
        // TorchSharp 0.107's nn.init.normal_/uniform_ ignore their generator (they draw from the default one), so
        // WeightInit uses the tensor's own normal_, which honours it. Seeded runs depend on this.
        using var scope = NewDisposeScope();
        using var a = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4)); // construction draws from the default stream
        using var b = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4));
        manual_seed(9);
        var expectedNext = rand(5);
        manual_seed(9);
        Dino.Repro.Models.Common.WeightInit.Normal(a, generator: new Generator(42UL));
        Dino.Repro.Models.Common.WeightInit.Normal(b, generator: new Generator(42UL));
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.Equals(pb), $"{name} differs between two inits with equal generators");
        Assert.True(rand(5).Equals(expectedNext), "the init consumed the default generator's stream");
        var weights = a.named_parameters().First(p => p.name == "0.weight").parameter;
        Assert.InRange(weights.std().ToDouble(), 0.01, 0.03); // N(0, 0.02), 108 draws
    }

    [Fact]
    public void Init_works_in_place_on_parameters_without_recording_gradients()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(4, 3);
        var w = init.kaiming_normal_(layer.weight);
        Assert.Same(layer.weight, w);
        Assert.True(layer.weight.is_leaf && layer.weight.requires_grad);
        init.zeros_(layer.bias!);
        Assert.Equal(new float[3], layer.bias!.ToArray<float>());
    }
}
