using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Tests.Models.ListenAndMove;

public class ListenAndMoveLayerTests
{
    [Fact]
    public void Audio_conditional_instance_norm_matches_the_closed_form_per_map()
    {
        manual_seed(1);
        using var x = randn(2, 3, 4, 5).mul(Scalars.Of(3)).add(Scalars.Of(1));
        using var condition = randn(2, 6);
        using var y = AudioConditionalInstanceNorm.Apply(x, condition);
        var input = x.to(ScalarType.Float64).data<double>().ToArray();
        var c = condition.to(ScalarType.Float64).data<double>().ToArray();
        var output = y.to(ScalarType.Float64).data<double>().ToArray();
        for (var b = 0; b < 2; b++)
        for (var ch = 0; ch < 3; ch++)
        {
            var map = input.Skip((b * 3 + ch) * 20).Take(20).ToArray();
            var mean = map.Average();
            var variance = map.Sum(v => (v - mean) * (v - mean)) / 20; // biased, as instance norm
            for (var i = 0; i < 20; i++)
            {
                var expected = (map[i] - mean) / Math.Sqrt(variance + 1e-5) * c[b * 6 + 3 + ch] + c[b * 6 + ch];
                Assert.Equal(expected, output[(b * 3 + ch) * 20 + i], 4);
            }
        }
        using var wrong = randn(2, 5);
        Assert.Contains("[B, 2C]", Assert.Throws<ArgumentException>(() => AudioConditionalInstanceNorm.Apply(x, wrong)).Message);
    }

    [Theory]
    [InlineData(ConvOrientation.Height, 1)]
    [InlineData(ConvOrientation.Height, -1)]
    [InlineData(ConvOrientation.Width, 1)]
    [InlineData(ConvOrientation.Width, -1)]
    public void A_directional_convolution_sums_line_kernels_shifted_along_the_flow_with_the_edge_repeated(ConvOrientation orientation, int direction)
    {
        manual_seed(3);
        const int h = 5,
            w = 6;
        using var conv = new DirectionalConv2d(1, 1, 5, orientation);
        using (no_grad())
            conv.named_parameters().Single(p => p.name == "bias").parameter.fill_(Scalars.Of(0.25));
        using var x = randn(1, 1, h, w);
        using var y = conv.call(x, direction);
        var lines = Enumerable
            .Range(0, 3)
            .Select(i => conv.state_dict()[$"lines.{i}.weight"].to(ScalarType.Float64).data<double>().ToArray())
            .ToArray();
        var input = x.to(ScalarType.Float64).data<double>().ToArray();
        double At(int r, int c) => r < 0 || r >= h || c < 0 || c >= w ? 0 : input[r * w + c];

        // Line i (length 2i + 1) lies across the flow, zero-padded; its response is read i pixels back along the flow,
        // clamped to the frame (replicate).
        double Line(int i, int r, int c) =>
            Enumerable.Range(-i, 2 * i + 1).Sum(k => lines[i][k + i] * (orientation == ConvOrientation.Height ? At(r, c + k) : At(r + k, c)));
        var output = y.to(ScalarType.Float64).data<double>().ToArray();
        for (var r = 0; r < h; r++)
        for (var c = 0; c < w; c++)
        {
            var expected = 0.25;
            for (var i = 0; i < 3; i++)
            {
                var (rr, cc) =
                    orientation == ConvOrientation.Height
                        ? (Math.Clamp(r - direction * i, 0, h - 1), c)
                        : (r, Math.Clamp(c - direction * i, 0, w - 1));
                expected += Line(i, rr, cc);
            }
            Assert.Equal(expected, output[r * w + c], 5);
        }
    }

    [Fact]
    public void Noise_injection_starts_as_the_identity_and_adds_one_map_to_every_channel()
    {
        manual_seed(7);
        using var noise = new NoiseInjection();
        using var x = randn(2, 4, 8, 8);
        using var same = noise.call(x);
        Assert.True(same.allclose(x, rtol: 0, atol: 0));
        using (no_grad())
            noise.parameters().Single().fill_(Scalars.Of(0.5));
        using var noisy = noise.call(x);
        using var added = noisy.sub(x);
        Assert.True(added.select(1, 0).allclose(added.select(1, 3), rtol: 0, atol: 1e-6));
        Assert.InRange(added.std().item<float>(), 0.4, 0.6);
    }
}
