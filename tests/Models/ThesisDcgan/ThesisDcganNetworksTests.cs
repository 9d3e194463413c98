using Dino.Repro.Models.ThesisDcgan;

namespace Dino.Repro.Tests.Models.ThesisDcgan;

public class ThesisDcganNetworksTests
{
    private static long Parameters(nn.Module network) => network.parameters().Sum(p => p.numel());

    private static long Convs(long[] channels, long kernelArea = 16) => channels.Zip(channels.Skip(1)).Sum(p => p.First * p.Second * kernelArea);

    [Fact]
    public void At_paper_size_the_networks_have_reed_et_al_s_shapes_and_parameter_counts()
    {
        // G: 4×4 transposed convolutions without bias (100 + 128) → 512 → 256 → 128 → 64 → 3, batch norm (γ, β) on the hidden ones.
        using var g = new ThesisDcganGenerator(100, 128);
        Assert.Equal(Convs([228, 512, 256, 128, 64, 3]) + 2 * (512 + 256 + 128 + 64), Parameters(g));
        g.eval();
        using var faces = g.call(randn(2, 100), randn(2, 128));
        Assert.Equal([2L, 3, 64, 64], faces.shape);
        Assert.True(faces.abs().max().ToSingle() <= 1);

        // D: 3 → 64 → 128 → 256 → 512 (batch norm after all but the first), 1×1 over 512 + 128 → 512 (+ norm), 4×4 → 1.
        using var d = new ThesisDcganDiscriminator(128, 1);
        Assert.Equal(Convs([3, 64, 128, 256, 512]) + 2 * (128 + 256 + 512) + 640 * 512 + 2 * 512 + 512 * 16, Parameters(d));
        Assert.Equal([2L, 1], d.call(faces, randn(2, 128)).shape);

        // The AC-GAN variant: no condition, 62 speakers + "fake" out.
        using var classifier = new ThesisDcganDiscriminator(0, 63);
        Assert.Equal(Convs([3, 64, 128, 256, 512]) + 2 * (128 + 256 + 512) + 512 * 63 * 16, Parameters(classifier));
        Assert.Equal([2L, 63], classifier.call(faces, null).shape);
        Assert.Throws<ArgumentException>(() => classifier.call(faces, randn(2, 128)));
        Assert.Throws<ArgumentException>(() => d.call(faces, null));

        // Spectral norm replaces batch norm: no BatchNorm parameters left, every D convolution normalised.
        using var sn = new ThesisDcganDiscriminator(128, 1, spectralNorm: true);
        Assert.DoesNotContain(sn.state_dict().Keys, k => k.EndsWith("running_mean", StringComparison.Ordinal));
        Assert.Equal(6, sn.state_dict().Keys.Count(k => k.EndsWith("weight_orig", StringComparison.Ordinal)));
        using var gsn = new ThesisDcganGenerator(100, 128, spectralNorm: true);
        Assert.Equal(4, gsn.state_dict().Keys.Count(k => k.EndsWith("weight_orig", StringComparison.Ordinal)));
        Assert.DoesNotContain(gsn.state_dict().Keys, k => k.EndsWith("running_mean", StringComparison.Ordinal));
    }

    [Fact]
    public void The_concatenated_code_repeats_the_one_hot_vector_and_pads_it_with_zeros_to_128()
    {
        using var code = IdentityCode.Concatenated(tensor(new long[] { 1, 2 }), identities: 3);
        Assert.Equal([2L, 128], code.shape);
        var first = code[0].ToArray<float>();
        // ⌊128 / 3⌋ = 42 copies of (0, 1, 0), then two zeros.
        var expected = Enumerable.Range(0, 42).SelectMany(_ => new[] { 0f, 1f, 0f }).Concat([0f, 0f]).ToArray();
        Assert.Equal(expected, first);
        Assert.Equal(42, code[1].sum().ToSingle());
        Assert.Equal(1f, code[1, 2].ToSingle());
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityCode.Concatenated(tensor(new long[] { 0 }), 129));
    }

    [Fact]
    public void Dropout_makes_two_draws_of_one_z_differ_in_train_mode_and_eval_mode_switches_it_off()
    {
        using var g = new ThesisDcganGenerator(8, 128, width: 4, dropout: 0.5);
        using var z = randn(2, 8);
        using var c = randn(2, 128);
        g.train();
        Assert.False(g.call(z, c).allclose(g.call(z, c)));
        g.eval();
        Assert.True(g.call(z, c).allclose(g.call(z, c), rtol: 0, atol: 0));
    }

    [Fact]
    public void The_losses_are_least_squares_or_a_softmax_over_speakers_and_fake()
    {
        using var real = tensor(new[] { 1.0f, 0.5f });
        using var fake = tensor(new[] { 0.2f, -0.4f });
        // D: ((0)² + (−0.5)²)/2 + (0.2² + 0.4²)/2 = 0.125 + 0.1; G: ((−0.8)² + (−1.4)²)/2 = 1.3.
        Assert.Equal(0.225, ThesisDcganLosses.LeastSquaresDiscriminator(real, fake).ToDouble(), 6);
        Assert.Equal(1.3, ThesisDcganLosses.LeastSquaresGenerator(fake).ToDouble(), 6);

        // Two speakers + fake; logits (0, ln 2, 0): p = (1/4, 1/2, 1/4). Real of speaker 1: −ln ½; fake as fake: −ln ¼.
        using var logits = tensor(new[] { 0f, (float)Math.Log(2), 0f }).unsqueeze(0);
        using var speaker = tensor(new long[] { 1 });
        Assert.Equal(Math.Log(2) + Math.Log(4), ThesisDcganLosses.ClassifyingDiscriminator(logits, logits, speaker).ToDouble(), 5);
        Assert.Equal(Math.Log(2), ThesisDcganLosses.ClassifyingGenerator(logits, speaker).ToDouble(), 5);
    }

    [Fact]
    public void The_mel_encoder_reads_64_band_frames_of_fft_512_hop_128_through_the_blocks_they_last_and_learns_after_the_spectrogram()
    {
        // 1 s at 16 kHz: 1 + 16000 / 128 = 126 centred frames of 64 bands, the encoder's input channels.
        using var encoder = new MelSpeechEncoder(16_000, [8, 8, 8, 8, 8, 8]);
        Assert.Equal(126, MelSpeechEncoder.Frames(16_000));
        using var speech = randn(3, 16_000, requires_grad: true);
        using var embedding = encoder.call(speech);
        Assert.Equal([3L, 128], embedding.shape);
        embedding.sum().backward();
        Assert.All(encoder.parameters(), p => Assert.NotNull(p.grad));
        Assert.Null(speech.grad); // the fixed front end passes no gradient back to the waveform
        // Its first convolution reads the 64 bands; 126 frames last four stride-4 blocks (32, 8, 2, 1), not six.
        Assert.Contains(encoder.named_parameters(), p => p.parameter.dim() == 3 && p.parameter.size(1) == 64);
        Assert.Equal(4, encoder.named_parameters().Count(p => p.parameter.dim() == 3));
    }
}
