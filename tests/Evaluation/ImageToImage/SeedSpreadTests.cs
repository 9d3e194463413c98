using Dino.Repro.Evaluation.ImageToImage;

namespace Dino.Repro.Tests.Evaluation.ImageToImage;

public class SeedSpreadTests
{
    private static MethodScores Row(string method, double? miou, double? fid = null) =>
        new(method, new Dictionary<string, double?> { [Table1Metrics.MeanIou] = miou, [Table1Metrics.Fid] = fid });

    [Fact]
    public void Mean_and_sample_standard_deviation_match_hand_values()
    {
        // 1, 2, 4: mean 7/3; squared deviations 16/9 + 1/9 + 25/9 = 42/9, over n − 1 = 2 → 7/3.
        var value = SpreadValue.Of([1, 2, 4]);
        Assert.Equal(7.0 / 3, value.Mean, 12);
        Assert.Equal(Math.Sqrt(7.0 / 3), value.StandardDeviation, 12);
        Assert.Equal(3, value.Seeds);
        // One seed has no spread.
        Assert.Equal(new SpreadValue(5, 0, 1), SpreadValue.Of([5]));
        Assert.Throws<ArgumentException>(() => SpreadValue.Of([]));
    }

    [Fact]
    public void Rows_over_seeds_are_summarised_per_method_and_metric()
    {
        var spread = SeedSpread.Of(
            [1, 2, 3],
            [
                [Row("pix2pix", 0.90), Row("DINO", 0.80)],
                [Row("pix2pix", 0.92), Row("DINO", 0.86)],
                [Row("pix2pix", 0.94), Row("DINO", 0.92)],
            ]
        );
        Assert.Equal([1L, 2, 3], spread.Seeds);
        Assert.Equal(["pix2pix", "DINO"], spread.Means.Select(r => r.Method));
        Assert.Equal(0.92, spread.Means[0].Values[Table1Metrics.MeanIou]!.Value, 12);
        Assert.Equal(0.02, spread.Get("pix2pix", Table1Metrics.MeanIou)!.StandardDeviation, 12);
        Assert.Equal(0.06, spread.Get("DINO", Table1Metrics.MeanIou)!.StandardDeviation, 12);
        // A metric no seed measured stays unmeasured.
        Assert.Null(spread.Means[0].Values[Table1Metrics.Fid]);
        Assert.Null(spread.Get("pix2pix", Table1Metrics.Fid));
    }

    [Fact]
    public void A_difference_smaller_than_the_two_spreads_together_is_within_the_spread()
    {
        // pix2pix 0.92 ± 0.02 vs DINO 0.86 ± 0.06: |Δ| = 0.06 ≤ 0.08, within; vs BicycleGAN 0.70 ± 0.01: outside.
        var spread = SeedSpread.Of(
            [1, 2, 3],
            [
                [Row("pix2pix", 0.90, 30), Row("DINO", 0.80, 20), Row("BicycleGAN", 0.69, 50)],
                [Row("pix2pix", 0.92, 31), Row("DINO", 0.86, 21), Row("BicycleGAN", 0.70, 51)],
                [Row("pix2pix", 0.94, 32), Row("DINO", 0.92, 22), Row("BicycleGAN", 0.71, 52)],
            ]
        );
        var leader = spread.Leader(Table1Metrics.MeanIou, ["pix2pix", "DINO", "BicycleGAN"])!.Value;
        Assert.Equal("pix2pix", leader.best);
        Assert.Equal(["DINO"], leader.withinSpread);
        // FID is better lower: DINO leads and nobody is within 1 + 1 of its 21.
        var fid = spread.Leader(Table1Metrics.Fid, ["pix2pix", "DINO", "BicycleGAN"], lowerIsBetter: true)!.Value;
        Assert.Equal("DINO", fid.best);
        Assert.Empty(fid.withinSpread);
        Assert.True(new SpreadValue(1, 0.1, 3).Overlaps(new SpreadValue(1.2, 0.1, 3)));
        Assert.False(new SpreadValue(1, 0.1, 3).Overlaps(new SpreadValue(1.21, 0.1, 3)));
    }

    [Fact]
    public void Seeds_that_scored_different_rows_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            SeedSpread.Of(
                [1, 2],
                [
                    [Row("pix2pix", 0.9)],
                    [Row("DINO", 0.9)],
                ]
            )
        );
        Assert.Throws<ArgumentException>(() =>
            SeedSpread.Of(
                [1, 2],
                [
                    [Row("pix2pix", 0.9)],
                ]
            )
        );
    }
}
