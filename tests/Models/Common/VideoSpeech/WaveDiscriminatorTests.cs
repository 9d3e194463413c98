using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Tests.Models.Common.VideoSpeech;

public class WaveDiscriminatorTests
{
    [Fact]
    public void Phase_shuffle_moves_each_example_by_at_most_its_radius_filling_by_reflection_and_is_off_in_eval()
    {
        using var shuffle = new PhaseShuffle(2);
        using var x = arange(Scalars.Of(8), dtype: ScalarType.Float32).view(1, 1, 8).expand(64, 1, 8).contiguous();
        // By hand, for 0 … 7: right by 2 reflects 2, 1 in; left by 1 reflects 6 in at the end.
        float[][] allowed =
        [
            [2, 1, 0, 1, 2, 3, 4, 5],
            [1, 0, 1, 2, 3, 4, 5, 6],
            [0, 1, 2, 3, 4, 5, 6, 7],
            [1, 2, 3, 4, 5, 6, 7, 6],
            [2, 3, 4, 5, 6, 7, 6, 5],
        ];
        manual_seed(1);
        using var shuffled = shuffle.call(x);
        var seen = new HashSet<int>();
        for (var b = 0; b < 64; b++)
        {
            var row = shuffled[b, 0].data<float>().ToArray();
            var match = Array.FindIndex(allowed, a => a.SequenceEqual(row));
            Assert.True(match >= 0, $"example {b}: [{string.Join(", ", row)}] is no shift of at most 2");
            seen.Add(match);
        }
        Assert.Equal(5, seen.Count);
        shuffle.eval();
        using var unchanged = shuffle.call(x);
        Assert.True(unchanged.allclose(x, rtol: 0, atol: 0));
    }

    [Fact]
    public void It_scores_each_example_and_refuses_a_wrong_length_or_condition()
    {
        using var critic = new WaveDiscriminator(4000, width: 4, conditionChannels: 2);
        using var audio = zeros(3, 4000);
        using var condition = zeros(3, 2, 4000);
        using var scores = critic.call(audio, condition);
        Assert.Equal([3L], scores.shape);
        using var shorter = zeros(3, 3999);
        Assert.Contains("[B, 4000]", Assert.Throws<ArgumentException>(() => critic.call(shorter, condition)).Message);
        Assert.Contains("[B, 2, 4000]", Assert.Throws<ArgumentException>(() => critic.call(audio, null)).Message);
        // 100 samples leave 25, 6 and 1, then none: too few for five blocks.
        Assert.Contains("too few", Assert.Throws<ArgumentException>(() => new WaveDiscriminator(100)).Message);
    }
}
