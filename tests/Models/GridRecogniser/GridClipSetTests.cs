using Dino.Repro.Models.GridRecogniser;

namespace Dino.Repro.Tests.Models.GridRecogniser;

public class GridClipSetTests
{
    [Fact]
    public void Clips_are_padded_to_the_longest_and_labelled_per_slot()
    {
        using var front = new GridFeatures(melBands: 16, clipSeconds: 3.0);
        var random = new Random(4);
        float[] Noise(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        string[][] sentences =
        [
            ["bin", "blue", "at", "a", "zero", "again"],
            ["set", "white", "with", "z", "nine", "soon"],
        ];
        // 1 s and 3.5 s: both padded to 3.5 s = 56,000 samples → 1 + 56000/160 = 351 centred frames.
        using var set = GridClipSet.FromClips([Noise(16_000), Noise(56_000)], sentences, front);
        Assert.Equal([2, 16, 351], set.Features.shape);
        Assert.Equal([0, 0, 0, 0, 0, 0, 3, 3, 3, 24, 9, 3], set.Labels.ToArray<long>());
        Assert.Equal(["bin blue at a zero again", "set white with z nine soon"], set.Sentences);
        Assert.Throws<ArgumentException>(() =>
            GridClipSet.FromClips(
                [Noise(100)],
                [
                    ["bin", "blue"],
                ],
                front
            )
        );
    }
}

public class MelBandShiftTests
{
    [Fact]
    public void Shifting_moves_bands_and_repeats_the_edge_band()
    {
        using var scope = torch.NewDisposeScope();
        // Band b holds the value b at every frame, so the result spells out which band landed where.
        var features = torch.arange(Scalars.Of(5)).to(ScalarType.Float32).view(1, 5, 1).expand(2, 5, 3).contiguous();
        Assert.Equal([0f, 0f, 0f, 1f, 2f], MelBandShift.Shift(features, 2).select(0, 1).select(1, 2).ToArray<float>());
        Assert.Equal([1f, 2f, 3f, 4f, 4f], MelBandShift.Shift(features, -1).select(0, 0).select(1, 0).ToArray<float>());
        Assert.Equal(features.ToArray<float>(), MelBandShift.Shift(features, 0).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => MelBandShift.Shift(features, 5));
    }

    [Fact]
    public void Random_shifts_stay_within_the_bound_and_follow_the_generator()
    {
        using var scope = torch.NewDisposeScope();
        var features = torch.arange(Scalars.Of(8)).to(ScalarType.Float32).view(1, 8, 1).contiguous();
        int[] Draw(long seed)
        {
            using var generator = new Generator((ulong)seed);
            // The middle band (4) moves to 4 + shift, so the value now at band 4 is 4 − shift.
            return Enumerable.Range(0, 40).Select(_ => 4 - (int)MelBandShift.Apply(features, 2, generator).view(-1)[4].ToSingle()).ToArray();
        }
        var shifts = Draw(3);
        Assert.All(shifts, s => Assert.InRange(s, -2, 2));
        Assert.Equal(5, shifts.Distinct().Count());
        Assert.Equal(shifts, Draw(3));
    }
}
