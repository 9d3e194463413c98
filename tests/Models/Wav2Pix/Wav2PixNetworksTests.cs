using Dino.Repro.Models.Wav2Pix;

namespace Dino.Repro.Tests.Models.Wav2Pix;

public class Wav2PixNetworksTests
{
    private static long Parameters(nn.Module network) => network.parameters().Sum(p => p.numel());

    [Fact]
    public void At_paper_size_the_generator_and_discriminator_have_the_references_shapes_and_parameter_counts()
    {
        using var g = new Wav2PixGenerator();
        // 4×4 transposed convolutions without bias: 128→512→256→128→64→3.
        long[] gChannels = [128, 512, 256, 128, 64, 3];
        Assert.Equal(gChannels.Zip(gChannels.Skip(1)).Sum(p => p.First * p.Second * 16), Parameters(g));
        using var embeddings = randn(2, 128);
        g.eval();
        using var faces = g.call(embeddings);
        Assert.Equal([2L, 3, 64, 64], faces.shape);
        Assert.True(faces.abs().max().ToSingle() <= 1);

        using var d = new Wav2PixDiscriminator();
        // 4×4 stride-2 convolutions without bias 3→64→128→256→512, then the 4×4 score over 512 + 128 channels.
        long[] dChannels = [3, 64, 128, 256, 512];
        Assert.Equal(dChannels.Zip(dChannels.Skip(1)).Sum(p => p.First * p.Second * 16) + (512 + 128) * 16, Parameters(d));
        var (score, features) = d.call(faces, embeddings);
        Assert.Equal([2L], score.shape);
        Assert.Equal([2L, 512, 4, 4], features.shape);
        // Every layer but the score is spectral-normalised, as in the reference.
        Assert.Equal(4, d.state_dict().Keys.Count(k => k.EndsWith("weight_orig", StringComparison.Ordinal)));
        Assert.Contains("score.weight", d.state_dict().Keys);

        using var g128 = new Wav2PixGenerator(resolution: 128);
        g128.eval();
        using var big = g128.call(embeddings);
        Assert.Equal([2L, 3, 128, 128], big.shape);
        using var d128 = new Wav2PixDiscriminator(resolution: 128);
        Assert.Equal([2L, 1024, 4, 4], d128.call(big, embeddings).features.shape);
        Assert.Throws<ArgumentException>(() => new Wav2PixGenerator(resolution: 32));
    }

    [Fact]
    public void Dropout_is_the_generators_only_randomness_and_the_discriminator_reads_the_embedding()
    {
        using var g = new Wav2PixGenerator(width: 8);
        using var embeddings = randn(2, 128);
        g.train();
        using var a = g.call(embeddings);
        using var b = g.call(embeddings);
        Assert.False(a.allclose(b), "train mode: dropout should draw new masks");
        g.eval();
        using var c = g.call(embeddings);
        using var e = g.call(embeddings);
        Assert.True(c.allclose(e, rtol: 0, atol: 0), "eval mode: the same embedding must give the same face");

        using var d = new Wav2PixDiscriminator(width: 8);
        d.eval();
        using var other = randn(2, 128);
        var (matched, _) = d.call(c, embeddings);
        var (mismatched, _) = d.call(c, other);
        Assert.False(matched.allclose(mismatched), "the score ignores the speech embedding");
    }

    [Fact]
    public void The_auxiliary_classifier_maps_an_embedding_to_one_logit_per_identity()
    {
        using var classifier = new AuxiliaryIdentityClassifier(identities: 62);
        Assert.Equal(128 * 200 + 200 + 2 * 200 + 200 * 62 + 62 + 2 * 62, Parameters(classifier));
        using var logits = classifier.call(randn(4, 128));
        Assert.Equal([4L, 62], logits.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuxiliaryIdentityClassifier(identities: 1));
    }
}
