using Dino.Repro.Models.Common;
using Dino.Repro.Models.Wav2Pix;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models.Wav2Pix;

public class SeganSpeechEncoderTests
{
    [Fact]
    public void At_one_second_of_16_kHz_it_has_the_references_lengths_layers_and_parameter_count()
    {
        using var encoder = new SeganSpeechEncoder(16_000);
        // ⌊(L − 2) / 4⌋ + 1 per block, by hand: 16000 → 4000 → 1000 → 250 → 63 → 16 → 4.
        Assert.Equal([4000L, 1000, 250, 63, 16, 4], encoder.BlockLengths);
        Assert.Equal(4096, encoder.Flattened); // the reference's nearest power of two to 16000 / 4, too

        // Conv1d (c_in·c_out·15 + c_out), BatchNorm1d (2·c_out), then 4096→256→128→128 dense layers with biases.
        long expected = 0,
            cin = 1;
        foreach (var c in new long[] { 16, 32, 128, 256, 512, 1024 })
        {
            expected += cin * c * 15 + c + 2 * c;
            cin = c;
        }
        expected += 4096 * 256 + 256 + 256 * 128 + 128 + 128 * 128 + 128;
        Assert.Equal(expected, encoder.parameters().Sum(p => p.numel()));

        using var waves = rand(2, 16_000) * Scalars.Of(2) - Scalars.Of(1);
        using var embedding = encoder.call(waves);
        Assert.Equal([2L, 128], embedding.shape);
    }

    [Fact]
    public void A_block_pads_six_left_and_seven_right_then_convolves_by_4_normalises_and_leaks_0_3()
    {
        manual_seed(5);
        using var encoder = new SeganSpeechEncoder(1024, [4, 8]);
        using var x = randn(3, 1, 1024);
        using var actual = encoder.Block(x, 0);

        // By hand with the block's own weights, in train mode (batch statistics, biased variance, ε 1e-5).
        var state = encoder.state_dict();
        using var scope = NewDisposeScope();
        var padded = cat([zeros(3, 1, 6), x, zeros(3, 1, 7)], 2);
        var conv = nn.functional.conv1d(padded, state["convs.0.weight"], state["convs.0.bias"], stride: 4);
        var mean = conv.mean([0L, 2], keepdim: true);
        var variance = (conv - mean).pow(Scalars.Of(2)).mean([0L, 2], keepdim: true);
        var normed =
            (conv - mean) / (variance + Scalars.Of(1e-5)).sqrt() * state["norms.0.weight"].view(1, -1, 1) + state["norms.0.bias"].view(1, -1, 1);
        var expected = where(normed.ge(Scalars.Of(0)), normed, normed * Scalars.Of(0.3));
        Assert.Equal([3L, 4, 256], actual.shape);
        Assert.True(expected.allclose(actual, rtol: 1e-4, atol: 1e-5), $"max |Δ| {(expected - actual).abs().max().ToSingle()}");
    }

    [Fact]
    public void Gradients_reach_every_parameter_and_a_wrong_length_is_refused_with_the_expected_shape()
    {
        using var encoder = new SeganSpeechEncoder(4096, [4, 8, 8]);
        using var loss = encoder.call(randn(2, 4096)).pow(Scalars.Of(2)).sum();
        loss.backward();
        Assert.All(encoder.named_parameters(), p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().ToSingle() > 0, p.name));

        var error = Assert.Throws<ArgumentException>(() => encoder.call(zeros(2, 4000)));
        Assert.Contains("[B, 4096]", error.Message);
        Assert.Contains("[2, 4000]", error.Message);
        Assert.Throws<ArgumentException>(() => new SeganSpeechEncoder(20, [4, 4, 4, 4]));
    }
}
