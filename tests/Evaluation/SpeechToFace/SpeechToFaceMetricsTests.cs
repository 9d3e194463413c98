using Dino.Repro.Evaluation.SpeechToFace;

namespace Dino.Repro.Tests.Evaluation.SpeechToFace;

public class SpeechToFaceMetricsTests
{
    [Fact]
    public void Identity_accuracy_counts_the_faces_whose_most_likely_speaker_is_their_own()
    {
        using var probabilities = tensor(
            new float[,]
            {
                { 0.7f, 0.2f, 0.1f },
                { 0.1f, 0.3f, 0.6f },
                { 0.2f, 0.5f, 0.3f },
                { 0.4f, 0.35f, 0.25f },
            }
        );
        using var labels = tensor(new long[] { 0, 1, 1, 2 });
        Assert.Equal(0.5, SpeechToFaceMetrics.Accuracy(probabilities, labels));
    }

    [Fact]
    public void Trait_agreement_asks_whether_long_hair_is_read_exactly_where_the_speaker_has_it()
    {
        // Speakers 0 and 2 have long hair (0.7, 0.85), speaker 1 none.
        double[] hairByLabel = [0.7, 0, 0.85];
        using var read = tensor(new float[] { 0.65f, 0.31f, 0.1f, 0.29f, 0.9f });
        using var labels = tensor(new long[] { 0, 1, 1, 2, 2 });
        // Right: face 0 (long, long), face 2 (short, short), face 4 (long, long); wrong: face 1 (0.31 reads long), face 3.
        Assert.Equal(3.0 / 5, SpeechToFaceMetrics.TraitAgreement(read, labels, hairByLabel), 12);
        Assert.Throws<ArgumentException>(() => SpeechToFaceMetrics.TraitAgreement(read[..2], labels, hairByLabel));
    }

    [Fact]
    public void Diversity_is_the_mean_rms_difference_between_one_speakers_faces_averaged_over_speakers()
    {
        // Speaker 0: three flat faces at 0, 0.3, −0.3 → pair differences 0.3, 0.3, 0.6 → mean 0.4.
        // Speaker 1: two faces differing by 1 in half their pixels → RMS √0.5. Speaker 2: one face, left out.
        var faces = zeros(6, 3, 2, 2);
        faces[1].fill_(Scalars.Of(0.3));
        faces[2].fill_(Scalars.Of(-0.3));
        faces[4][0].fill_(Scalars.Of(1)); // channel 0 of 3 …
        faces[4][1, 0].fill_(Scalars.Of(1)); // … and half of channel 1: 6 of 12 pixels
        using var labels = tensor(new long[] { 0, 0, 0, 1, 1, 2 });
        var expected = (0.4 + Math.Sqrt(0.5)) / 2;
        Assert.Equal(expected, SpeechToFaceMetrics.WithinIdentityDiversity(faces, labels)!.Value, 6);
        // One face per speaker: nothing to compare.
        Assert.Null(SpeechToFaceMetrics.WithinIdentityDiversity(faces[..2], tensor(new long[] { 0, 1 })));
        // The same face drawn again and again: no diversity at all.
        Assert.Equal(0, SpeechToFaceMetrics.WithinIdentityDiversity(faces[0].expand(4, 3, 2, 2), zeros(4, ScalarType.Int64))!.Value, 12);
    }
}
