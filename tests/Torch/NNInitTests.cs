using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;
using init = Dino.Repro.Torch.torch.nn.init;

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
        using var scope = NewDisposeScope();
        Assert.Equal(1.0, init.calculate_gain("conv2d"));
        Assert.Equal(1.0, init.calculate_gain("sigmoid"));
        Assert.Equal(5.0 / 3, init.calculate_gain("tanh"));
        Assert.Equal(Math.Sqrt(2), init.calculate_gain("relu"));
        Assert.Equal(Math.Sqrt(2 / 1.0001), init.calculate_gain("leaky_relu"), 15);
        Assert.Equal(Math.Sqrt(2 / 1.04), init.calculate_gain("leaky_relu", 0.2), 15);
        Assert.Equal(0.75, init.calculate_gain("selu"));
        Assert.Contains("Unsupported nonlinearity swish", Assert.Throws<ArgumentException>(() => init.calculate_gain("swish")).Message);
        Assert.Equal((48L, 1024L), init.calculate_fan_in_and_fan_out(empty(64, 3, 4, 4)));
        Assert.Equal((10L, 5L), init.calculate_fan_in_and_fan_out(empty(5, 10)));
        Assert.Contains("fewer than 2 dimensions", Assert.Throws<ArgumentException>(() => init.calculate_fan_in_and_fan_out(empty(5))).Message);
    }

    [Fact]
    public void Kaiming_normal_std_is_gain_over_sqrt_fan()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var w = empty(400, 250, 2);
        Assert.Same(w, init.kaiming_normal_(w, nonlinearity: "relu", generator: g));
        var (mean, std) = Stats(w);
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(std / (Math.Sqrt(2) / Math.Sqrt(500)), 0.99, 1.01);
        init.kaiming_normal_(w, mode: "fan_out", nonlinearity: "relu", generator: g);
        Assert.InRange(Stats(w).std / (Math.Sqrt(2) / Math.Sqrt(800)), 0.99, 1.01);
        Assert.Contains("Mode fan_x not supported", Assert.Throws<ArgumentException>(() => init.kaiming_normal_(w, mode: "fan_x")).Message);
    }

    [Fact]
    public void Kaiming_and_xavier_uniform_bounds()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var w = empty(300, 200);
        var bound = Math.Sqrt(3) * init.calculate_gain("leaky_relu", 0.1) / Math.Sqrt(200);
        init.kaiming_uniform_(w, a: 0.1, generator: g);
        var v = w.@double().ToArray<double>();
        Assert.InRange(v.Max(Math.Abs), 0.999 * bound, bound);
        Assert.InRange(Stats(w).std / (bound / Math.Sqrt(3)), 0.99, 1.01);
        var xb = 1.5 * Math.Sqrt(6.0 / 500);
        init.xavier_uniform_(w, gain: 1.5, generator: g);
        Assert.InRange(w.@double().ToArray<double>().Max(Math.Abs), 0.999 * xb, xb);
        init.xavier_normal_(w, generator: g);
        Assert.InRange(Stats(w).std / Math.Sqrt(2.0 / 500), 0.99, 1.01);
    }

    [Fact]
    public void Normal_uniform_and_constants()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var t = empty(100_000);
        init.normal_(t, 2, 0.5, g);
        var (mean, std) = Stats(t);
        Assert.InRange(mean, 1.99, 2.01);
        Assert.InRange(std, 0.495, 0.505);
        init.uniform_(t, -3, -1, g);
        var v = t.ToArray<float>();
        Assert.True(v.Min() >= -3 && v.Max() <= -1);
        Assert.InRange(v.Average(), -2.01, -1.99);
        Assert.All(init.constant_(t, 0.25).ToArray<float>(), x => Assert.Equal(0.25f, x));
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
        using var g = new Generator(4);
        var w = empty(new[] { rows, cols }, float64);
        init.orthogonal_(w, gain: 2, generator: g);
        // The smaller Gram matrix is gain²·I.
        var gram = rows < cols ? w.mm(w.t()) : w.t().mm(w);
        var n = Math.Min(rows, cols);
        Close.All(eye(n, dtype: float64).mul(4.0).ToArray<double>(), gram.ToArray<double>(), 1e-10);
    }

    [Fact]
    public void Orthogonal_flattens_trailing_dims_and_rejects_vectors()
    {
        using var scope = NewDisposeScope();
        var w = empty(new long[] { 8, 2, 2, 2 }, float64);
        init.orthogonal_(w);
        var flat = w.reshape(8, 8);
        Close.All(eye(8, dtype: float64).ToArray<double>(), flat.t().mm(flat).ToArray<double>(), 1e-10);
        Assert.Contains("2 or more dimensions", Assert.Throws<ArgumentException>(() => init.orthogonal_(empty(4))).Message);
    }

    [Fact]
    public void A_generator_makes_init_reproducible_and_leaves_the_default_stream_alone()
    {
        using var scope = NewDisposeScope();
        var a = empty(3, 4);
        var b = empty(3, 4);
        manual_seed(9);
        var expectedNext = rand(5);
        manual_seed(9);
        using (var g = new Generator(42)) init.orthogonal_(a, generator: g);
        using (var g = new Generator(42)) init.orthogonal_(b, generator: g);
        Assert.True(a.equal(b));
        Assert.True(rand(5).equal(expectedNext));
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
