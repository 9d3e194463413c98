using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

public class DistributionMetricTests
{
    [Fact]
    public void Frechet_distance_matches_pytorch_fid()
    {
        using var scope = NewDisposeScope();
        var expected = TestData.Case("fid/features_a_vs_b");
        var a = TestData.Float64Matrix("fid/features_a.bin", 500, 64);
        var b = TestData.Float64Matrix("fid/features_b.bin", 500, 64);
        var fd = FrechetDistance.Compute(a, b);
        var reference = expected["frechet_distance"]!.GetValue<double>();
        Assert.True(Math.Abs(fd - reference) <= 1e-6 * reference, $"FD {fd:G15} vs pytorch-fid {reference:G15}");
        Assert.True(Math.Abs(FrechetDistance.Compute(a, a)) < 1e-9);
    }

    [Fact]
    public void Frechet_distance_of_shifted_isotropic_gaussians_is_the_squared_shift()
    {
        // Same covariance, means δ apart: d² = ‖δ‖² exactly (the trace terms cancel).
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var a = randn(new long[] { 400, 8 }, float64, generator: g);
        var shift = tensor(new double[] { 1, -2, 0, 0, 3, 0, 0, 0.5 });
        Assert.Equal(1 + 4 + 9 + 0.25, FrechetDistance.Compute(a, a + shift), 9);
    }

    [Fact]
    public void Frechet_distance_rejects_bad_features()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(zeros(10, 4, 1), zeros(10, 4)));
        Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(zeros(10, 4), zeros(10, 5)));
        var withNan = zeros(new long[] { 10, 4 }, float64);
        withNan[0, 0] = full(System.Array.Empty<long>(), Scalars.Of(double.NaN), float64);
        Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(withNan, zeros(10, 4)));
    }

    [Fact]
    public void Inception_score_matches_the_reference_formula()
    {
        using var scope = NewDisposeScope();
        var expected = TestData.Case("fid/inception_score");
        var probs = TestData.Float64Matrix("fid/probs.bin", 1000, 20);
        var result = InceptionScore.Compute(probs, splits: 10);
        Assert.Equal(expected["is_mean"]!.GetValue<double>(), result.Mean, 1e-9 * result.Mean);
        Assert.Equal(expected["is_std"]!.GetValue<double>(), result.Std, 1e-9);
        var perSplit = expected["is_per_split"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Close.All(perSplit, result.PerSplit, 1e-9);
    }

    [Fact]
    public void Inception_score_is_the_class_count_for_confident_uniformly_spread_predictions()
    {
        // One-hot predictions spread evenly over C classes: KL = log C per row, IS = C.
        using var scope = NewDisposeScope();
        var probs = eye(5, dtype: float64).repeat(4, 1);
        Assert.Equal(5, InceptionScore.Compute(probs, splits: 2).Mean, 12);
    }

    [Fact]
    public void Kid_equals_the_unbiased_mmd_computed_directly()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(9);
        var a = randn(new long[] { 30, 6 }, float64, generator: g);
        var b = randn(new long[] { 30, 6 }, float64, generator: g) * Scalars.Of(1.5) + Scalars.Of(0.3);
        // With a subset as large as the set, every subset is a permutation: the value is the full-set MMD².
        var kid = KernelInceptionDistance.Compute(a, b, numSubsets: 3, maxSubsetSize: 30);
        Assert.Equal(DirectMmd(a.ToArray<double>(), b.ToArray<double>(), 30, 6), kid, 10);
    }

    [Theory]
    [InlineData("a_vs_b")]
    [InlineData("b_vs_a")]
    [InlineData("a_vs_a")]
    [InlineData("a_vs_b_first_100")]
    public void Kid_matches_stylegan2_ada_compute_kid_with_whole_set_subsets(string name)
    {
        // tests/fixtures/make_kid_fixture.py: stylegan2-ada's compute_kid in numpy with every subset the whole set,
        // the one subset choice both sides can share (the kit draws its subsets with its own generator).
        using var scope = NewDisposeScope();
        var reference = JsonNode.Parse(File.ReadAllText(Fixtures.Path("kid_reference.json")))!["cases"]![name]!;
        var rows = reference["rows"]!.GetValue<int>();
        Tensor Set(string key) => TestData.Float64Matrix($"fid/features_{reference[key]!.GetValue<string>()}.bin", 500, 64).narrow(0, 0, rows);
        // compute_kid's x is the generated set, y the real one: the kit's A and B.
        var kid = KernelInceptionDistance.Compute(
            Set("gen"),
            Set("real"),
            reference["num_subsets"]!.GetValue<int>(),
            reference["max_subset_size"]!.GetValue<int>()
        );
        var expected = reference["kid"]!.GetValue<double>();
        Assert.True(Math.Abs(kid - expected) <= 1e-10 * Math.Abs(expected), $"KID {kid:R} vs compute_kid {expected:R}");
    }

    private static double DirectMmd(double[] x, double[] y, int m, int d)
    {
        double K(double[] p, int i, double[] q, int j)
        {
            double dot = 0;
            for (var k = 0; k < d; k++)
                dot += p[i * d + k] * q[j * d + k];
            return Math.Pow(dot / d + 1, 3);
        }
        double xx = 0,
            yy = 0,
            xy = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (i != j)
                {
                    xx += K(x, i, x, j);
                    yy += K(y, i, y, j);
                }
                xy += K(x, i, y, j);
            }
        }
        return xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / (m * (double)m);
    }
}
