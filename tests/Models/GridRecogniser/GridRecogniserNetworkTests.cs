using Dino.Repro.Data.Grid;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Signal;

namespace Dino.Repro.Tests.Models.GridRecogniser;

public class GridRecogniserNetworkTests
{
    [Fact]
    public void Slot_layout_is_the_grammar_4_4_4_25_10_4_side_by_side()
    {
        Assert.Equal([4, 4, 4, 25, 10, 4], GridSlots.Sizes);
        Assert.Equal([0, 4, 8, 12, 37, 47], GridSlots.Offsets);
        Assert.Equal(51, GridSlots.Width);
        // The layout is the vocabulary order: column offset+i of slot k is word i of slot k.
        for (var k = 0; k < GridSlots.Count; k++)
        {
            for (var i = 0; i < GridSlots.Sizes[k]; i++)
                Assert.Equal(GridGrammar.Slots[k][i], GridGrammar.Vocabulary[GridSlots.Offsets[k] + i]);
        }
    }

    [Fact]
    public void Network_maps_features_to_51_logits_for_any_clip_length()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var network = new GridRecogniserNetwork(mel_bands: 12, channels: 16, hidden: 8, segments: 6);
        Assert.Equal([3, 51], network.call(torch.randn(3, 12, 301)).shape);
        Assert.Equal([1, 51], network.call(torch.randn(1, 12, 77)).shape);
        var wrongBands = Assert.Throws<ArgumentException>(() => network.call(torch.randn(2, 10, 50)));
        Assert.Contains("[batch, 12, frames]", wrongBands.Message);
    }

    [Fact]
    public void Every_parameter_receives_a_gradient_from_the_slot_loss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var network = new GridRecogniserNetwork(mel_bands: 12, channels: 16, hidden: 8, segments: 6);
        var labels = torch.tensor(new long[] { 0, 1, 2, 24, 9, 3, 3, 2, 1, 0, 5, 0 }, new long[] { 2, 6 });
        GridSlots.Loss(network.call(torch.randn(2, 12, 40)), labels).backward();
        foreach (var (name, parameter) in network.named_parameters())
        {
            Assert.NotNull(parameter.grad);
            Assert.True(parameter.grad!.abs().sum().ToDouble() > 0, $"{name} got a zero gradient");
        }
    }

    [Fact]
    public void Slot_loss_of_uniform_logits_is_the_mean_log_of_the_slot_sizes()
    {
        using var scope = torch.NewDisposeScope();
        // Zero logits give every word of slot k probability 1/size_k: cross-entropy ln(size_k), whatever the labels.
        var loss = GridSlots.Loss(torch.zeros(5, 51), torch.zeros(5, 6).to(ScalarType.Int64)).ToDouble();
        var expected = (Math.Log(4) * 4 + Math.Log(25) + Math.Log(10)) / 6;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void Decoding_picks_the_best_word_of_each_slot_and_inverts_the_labels()
    {
        using var scope = torch.NewDisposeScope();
        var sentence = new[] { "place", "white", "with", "z", "seven", "again" };
        var labels = GridSlots.Labels(sentence);
        Assert.Equal([2, 3, 3, 24, 7, 0], labels);
        // A one-hot row per slot, placed by hand at offset + label.
        var logits = new float[51];
        foreach (var column in new[] { 0 + 2, 4 + 3, 8 + 3, 12 + 24, 37 + 7, 47 + 0 })
            logits[column] = 5f;
        Assert.Equal(sentence, GridSlots.Decode(torch.tensor(logits, new long[] { 1, 51 }))[0]);
    }

    [Fact]
    public void Decoder_always_outputs_a_grammatical_sentence()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        // Random, huge and constant logits: the best word of another slot can never leak into a slot.
        var cases = torch.cat(
            [
                torch.randn(200, 51) * Scalars.Of(10),
                torch.full(new long[] { 1, 51 }, Scalars.Of(3.0)),
                torch.arange(Scalars.Of(51)).to(ScalarType.Float32).unsqueeze(0),
            ],
            0
        );
        foreach (var words in GridSlots.Decode(cases))
            Assert.True(GridGrammar.IsSentence(words), string.Join(' ', words));
    }

    [Fact]
    public void Labels_of_a_sentence_outside_the_grammar_are_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => GridSlots.Labels(["bin", "blue", "at", "w", "two", "now"]));
        Assert.Contains("bin blue at w two now", e.Message);
        Assert.Throws<ArgumentException>(() => GridSlots.Labels(["bin", "blue", "at"]));
    }

    [Fact]
    public void Features_are_40_bands_every_10_ms_normalised_per_band()
    {
        using var scope = torch.NewDisposeScope();
        using var front = new GridFeatures(melBands: 40, clipSeconds: 3.0);
        torch.manual_seed(7);
        var samples = torch.randn(16_000).mul(Scalars.Of(0.1)).ToArray<float>();
        // One second at 8 kHz is resampled to 16 kHz and padded to 3 s: 1 + 48000/160 centred frames.
        Assert.Equal([1, 40, 301], front.Forward(AudioBuffer.Mono(samples.Take(8_000).ToArray(), 8_000)).shape);
        var features = front.Forward(AudioBuffer.Mono(samples, 16_000));
        Assert.Equal([1, 40, 301], features.shape);
        Assert.True(features.mean(new long[] { 2 }).abs().max().ToSingle() < 1e-4);
        Assert.True(features.std(new long[] { 2 }, unbiased: false).sub(Scalars.Of(1.0)).abs().max().ToSingle() < 1e-3);
    }
}
