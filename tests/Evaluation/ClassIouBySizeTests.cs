using Dino.Repro.Evaluation.Metrics.Semantic;

namespace Dino.Repro.Tests.Evaluation;

public class ClassIouBySizeTests
{
    private static Tensor Map(int side, params (int label, int from, int count)[] runs)
    {
        var labels = new long[side * side];
        foreach (var (label, from, count) in runs)
            Array.Fill(labels, label, from, count);
        return torch.tensor(labels).view(side, side);
    }

    [Fact]
    public void Per_class_and_per_size_iou_match_counts_made_by_hand()
    {
        // 10×10 = 100 pixels. Ground truth: class 1 covers pixels 0..39 (40 %, large), class 2 pixels 40..44 (5 %, medium),
        // class 3 pixel 45 (1 %, small); the rest background.
        using var truth = Map(10, (1, 0, 40), (2, 40, 5), (3, 45, 1));
        // Prediction: class 1 on 0..29 and 50..59 (I = 30, U = 50), class 2 on 40..41 (I = 2, U = 5), class 3 nowhere (I = 0, U = 1).
        using var predicted = Map(10, (1, 0, 30), (1, 50, 10), (2, 40, 2));
        var sums = new ClassIouBySize(classes: 4);
        sums.Add(truth, predicted);

        var iou = sums.ClassIou;
        // Background: truth {46..99} (54), predicted {30..39, 42..49, 60..99} (58), both {46..49, 60..99} (44): U = 54 + 58 − 44 = 68.
        Assert.Equal(44.0 / 68, iou[0]!.Value, 12);
        Assert.Equal(30.0 / 50, iou[1]!.Value, 12);
        Assert.Equal(2.0 / 5, iou[2]!.Value, 12);
        Assert.Equal(0.0, iou[3]!.Value, 12);
        var bins = sums.BinIou;
        Assert.Equal(0.0, bins[0]!.Value, 12); // small: class 3
        Assert.Equal(2.0 / 5, bins[1]!.Value, 12); // medium: class 2
        Assert.Equal(30.0 / 50, bins[2]!.Value, 12); // large: class 1 (background has no bin)
        Assert.Equal([1, 1, 1], sums.BinInstances);
        Assert.Equal([0.54, 0.40, 0.05, 0.01], sums.ClassShare.Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void Sums_over_images_and_classes_absent_from_both_maps_have_no_iou()
    {
        var sums = new ClassIouBySize(classes: 3);
        using var a = Map(10, (1, 0, 50));
        using var both = torch.stack([a, a]);
        sums.Add(both, both);
        Assert.Equal(2, sums.Images);
        Assert.Equal(1.0, sums.ClassIou[1]!.Value);
        Assert.Null(sums.ClassIou[2]);
        Assert.Null(sums.BinIou[0]);
        Assert.Equal(2, sums.BinInstances[2]);
    }

    [Fact]
    public void Ignored_pixels_count_nowhere_and_bad_labels_are_refused()
    {
        var sums = new ClassIouBySize(classes: 2);
        using var truth = Map(2, (255, 0, 2), (1, 2, 2));
        using var predicted = Map(2, (0, 0, 2), (1, 2, 2));
        sums.Add(truth, predicted);
        Assert.Equal(1.0, sums.ClassIou[1]!.Value); // the ignored pixels' background predictions do not count
        Assert.Null(sums.ClassIou[0]);
        using var outside = Map(2, (7, 0, 4));
        Assert.Throws<ArgumentException>(() => sums.Add(truth, outside));
        using var floats = torch.zeros(2, 2);
        Assert.Throws<ArgumentException>(() => sums.Add(floats, floats));
    }

    [Theory]
    [InlineData(0.0199, 0)]
    [InlineData(0.02, 1)]
    [InlineData(0.0799, 1)]
    [InlineData(0.08, 2)]
    public void Objects_fall_in_bins_by_their_share_of_the_image(double share, int bin) => Assert.Equal(bin, ClassIouBySize.BinOf(share));
}
