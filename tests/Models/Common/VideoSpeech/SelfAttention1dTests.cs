using Dino.Repro.Models.Common;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models.Common.VideoSpeech;

public class SelfAttention1dTests
{
    [Fact]
    public void It_starts_as_the_identity_and_has_the_sagan_parameter_count()
    {
        using var attention = new SelfAttention1d(16);
        using var x = randn(2, 16, 7);
        using var y = attention.call(x);
        Assert.True(y.allclose(x, rtol: 0, atol: 0));
        // Query and key 1×1 convolutions to C/8 with biases, value to C with bias, and γ.
        Assert.Equal(2 * (16 * 2 + 2) + (16 * 16 + 16) + 1, attention.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void It_adds_gamma_times_the_values_averaged_by_the_softmax_of_query_key_products()
    {
        manual_seed(3);
        using var attention = new SelfAttention1d(8);
        using (no_grad())
            attention.Gamma.fill_(Scalars.Of(0.7));
        const int length = 5;
        using var x = randn(1, 8, length);
        using var y = attention.call(x);

        // The same computation in doubles from the layers' weights: q = W_q x + b_q (1 channel), k likewise, v (8 channels).
        var weights = attention
            .named_parameters()
            .ToDictionary(p => p.name, p => p.parameter.detach().to(ScalarType.Float64).data<double>().ToArray());
        var input = x.to(ScalarType.Float64).data<double>().ToArray(); // [c·L + l]
        double Project(string layer, int outChannel, int inChannels, int l) =>
            weights[$"{layer}.bias"][outChannel]
            + Enumerable.Range(0, 8).Sum(c => weights[$"{layer}.weight"][outChannel * inChannels + c] * input[c * length + l]);
        var expected = new double[8 * length];
        for (var i = 0; i < length; i++)
        {
            var scores = Enumerable.Range(0, length).Select(j => Project("query", 0, 8, i) * Project("key", 0, 8, j)).ToArray();
            var max = scores.Max();
            var weightsOfJ = scores.Select(s => Math.Exp(s - max)).ToArray();
            var total = weightsOfJ.Sum();
            for (var c = 0; c < 8; c++)
                expected[c * length + i] =
                    0.7 * Enumerable.Range(0, length).Sum(j => weightsOfJ[j] / total * Project("value", c, 8, j)) + input[c * length + i];
        }
        Close.All(expected, y.to(ScalarType.Float64).data<double>().ToArray(), atol: 1e-5);
    }

    [Fact]
    public void A_wrong_shape_is_refused_naming_both()
    {
        using var attention = new SelfAttention1d(8);
        using var x = randn(2, 4, 3);
        var error = Assert.Throws<ArgumentException>(() => attention.call(x));
        Assert.Contains("[B, 8, L]", error.Message);
        Assert.Contains("[2, 4, 3]", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelfAttention1d(4));
    }
}
