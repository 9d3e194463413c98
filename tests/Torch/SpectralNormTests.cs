using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Modules;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

public class SpectralNormTests
{
    /// <summary>A layer whose forward reads its own weight field: y = x · W_matrixᵀ + b, W_matrix = weight as (out, −1).</summary>
    private sealed class Dense : Module<Tensor, Tensor>
    {
        private readonly Parameter weight;
        private readonly Parameter bias;

        public Dense(params long[] weightShape) : base(nameof(Dense))
        {
            weight = new Parameter(randn(weightShape, float64));
            bias = new Parameter(randn(new[] { weightShape[0] }, float64));
            RegisterComponents();
        }

        /// <summary>The layer's weight object, as its forward sees it.</summary>
        public Tensor Weight => weight;

        public override Tensor forward(Tensor input) => input.matmul(weight.reshape(weight.size(0), -1).t()) + bias;
    }

    private static double Sigma(Module m) =>
        m.get_buffer("weight_u")!.dot(m.get_parameter("weight_orig")!.reshape(m.get_buffer("weight_u")!.size(0), -1).matmul(m.get_buffer("weight_v")!))
            .item<double>();

    private static double LargestSingularValue(Tensor matrix) => linalg.svdvals(matrix.detach())[0].item<double>();

    [Fact]
    public void Disposing_a_spectrally_normalised_module_frees_its_recomputed_weight()
    {
        var dense = nn.utils.spectral_norm(new Dense(4, 3));
        var weight = dense.Weight;
        dense.Dispose();
        Assert.True(weight.IsInvalid);
    }

    [Fact]
    public void Spectral_norm_renames_the_weight_and_adds_unit_u_and_v()
    {
        using var dense = nn.utils.spectral_norm(new Dense(4, 3));
        Assert.Equal(new[] { "bias", "weight_orig", "weight_u", "weight_v" }, dense.state_dict().Keys);
        Assert.Equal(new[] { "bias", "weight_orig" }, dense.named_parameters().Select(p => p.name));
        using var scope = NewDisposeScope();
        var u = dense.get_buffer("weight_u")!;
        var v = dense.get_buffer("weight_v")!;
        Assert.Equal(new long[] { 4 }, u.shape);
        Assert.Equal(new long[] { 3 }, v.shape);
        Assert.Equal(1, u.norm().item<double>(), 12);
        Assert.Equal(1, v.norm().item<double>(), 12);
        Assert.Throws<InvalidOperationException>(() => nn.utils.spectral_norm(dense));
        using var plain = new Dense(2, 2);
        Assert.Throws<ArgumentException>(() => nn.utils.spectral_norm(plain, name: "kernel"));
    }

    [Fact]
    public void Power_iteration_drives_the_effective_weight_to_unit_spectral_norm()
    {
        manual_seed(11);  // a random matrix's spectral gap sets the convergence rate: keep it fixed
        using var dense = nn.utils.spectral_norm(new Dense(5, 3));
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3 }, float64);
        Tensor y = x;
        for (var i = 0; i < 100; i++) y = dense.call(x);
        var orig = dense.get_parameter("weight_orig")!;
        var sigma = LargestSingularValue(orig);
        Assert.Equal(sigma, Sigma(dense), 8);                           // σ = uᵀWv → the top singular value
        Assert.Equal(1, LargestSingularValue(dense.Weight), 8);         // of W/σ, as the layer sees it
        Close.All((orig / sigma).ToArray<double>(), dense.Weight.ToArray<double>(), 1e-8, what: "weight");
        var expected = x.matmul((orig / sigma).t()) + dense.get_parameter("bias")!;
        Close.All(expected.ToArray<double>(), y.ToArray<double>(), 1e-8, what: "forward");
        // Each step's graph keeps its own u and v: a later in-place power iteration must not invalidate it.
        var first = dense.call(x).sum();
        var second = dense.call(x).sum();
        (first + second).backward();
        Assert.NotNull(orig.grad);
    }

    [Fact]
    public void Eval_mode_skips_the_power_iteration_but_still_normalises()
    {
        using var dense = nn.utils.spectral_norm(new Dense(4, 3), n_power_iterations: 2);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 1, 3 }, float64);
        var u0 = dense.get_buffer("weight_u")!.clone();
        dense.call(x);
        Assert.False(dense.get_buffer("weight_u")!.equal(u0), "training forward must update u");
        dense.eval();
        var u1 = dense.get_buffer("weight_u")!.clone();
        var v1 = dense.get_buffer("weight_v")!.clone();
        dense.call(x);
        dense.call(x);
        Assert.True(dense.get_buffer("weight_u")!.equal(u1));
        Assert.True(dense.get_buffer("weight_v")!.equal(v1));
        Close.All((dense.get_parameter("weight_orig")! / Sigma(dense)).ToArray<double>(), dense.Weight.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Dim_selects_the_rows_of_the_weight_matrix()
    {
        // A (2, 3, 4) weight with dim = 1 is the (3, 8) matrix of its permutation (1, 0, 2).
        manual_seed(12);
        using var dense = nn.utils.spectral_norm(new Dense(2, 3, 4), dim: 1);
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 3 }, dense.get_buffer("weight_u")!.shape);
        Assert.Equal(new long[] { 8 }, dense.get_buffer("weight_v")!.shape);
        for (var i = 0; i < 100; i++) dense.call(randn(new long[] { 1, 12 }, float64));
        var matrix = dense.get_parameter("weight_orig")!.permute(1, 0, 2).reshape(3, 8);
        var sigma = dense.get_buffer("weight_u")!.dot(matrix.matmul(dense.get_buffer("weight_v")!)).item<double>();
        Assert.Equal(LargestSingularValue(matrix), sigma, 8);
    }

    [Fact]
    public void Gradient_flows_to_weight_orig_and_matches_finite_differences()
    {
        using var dense = nn.utils.spectral_norm(new Dense(3, 2));
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 4, 2 }, float64);
        var g = randn(new long[] { 4, 3 }, float64);
        dense.eval();  // fixed u and v: the function of weight_orig is then W / (uᵀWv)
        (dense.call(x) * g).sum().backward();
        var orig = dense.get_parameter("weight_orig")!;
        var analytic = orig.grad!.ToArray<double>();
        Assert.Contains(analytic, v => Math.Abs(v) > 1e-3);

        var values = orig.detach().ToArray<double>();
        const double eps = 1e-6;
        double Loss(int i, double delta)
        {
            var shifted = (double[])values.Clone();
            shifted[i] += delta;
            using var _ = no_grad();
            orig.CopyFrom<double>(shifted);
            return (dense.call(x) * g).sum().item<double>();
        }
        var numeric = values.Select((_, i) => (Loss(i, eps) - Loss(i, -eps)) / (2 * eps)).ToArray();
        Close.All(numeric, analytic, 1e-6, 1e-4, what: "d loss / d weight_orig");

        var u = dense.get_buffer("weight_u")!;
        var v = dense.get_buffer("weight_v")!;
        GradCheck.Assert(t => SpectralNorm.Normalized(t[0], u, v, 0), new[] { randn(3, 2) }, name: "W / sigma");
    }

    [Fact]
    public void Remove_spectral_norm_restores_a_plain_weight_parameter()
    {
        using var dense = nn.utils.spectral_norm(new Dense(4, 3));
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 1, 3 }, float64);
        for (var i = 0; i < 5; i++) dense.call(x);
        dense.eval();
        var expected = dense.call(x);
        var normalised = dense.Weight.detach().clone();
        nn.utils.remove_spectral_norm(dense);
        Assert.Equal(new[] { "bias", "weight" }, dense.state_dict().Keys);
        var weight = dense.get_parameter("weight")!;
        Assert.Same(dense.Weight, weight);
        Assert.True(weight.is_leaf && weight.requires_grad);
        Assert.True(weight.equal(normalised));
        dense.train();
        Assert.True(dense.call(x).allclose(expected, 1e-12, 1e-12));
        Assert.True(weight.equal(normalised), "no hook may touch the weight any more");
        Assert.Throws<ArgumentException>(() => nn.utils.remove_spectral_norm(dense));
    }
}
