using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>PSNR, SSIM and segmentation scores against scikit-image 0.19.3 and pix2pix's eval script.</summary>
public class ImageMetricReferenceTests
{
    public static TheoryData<string> ImageCases =>
        new()
        {
            "images/astronaut_noise20",
            "images/astronaut_blur2",
            "images/astronaut_jpeg10",
            "images/coffee_noise20",
            "images/coffee_blur2",
            "images/coffee_jpeg10",
            "images/chelsea_noise20",
            "images/chelsea_blur2",
            "images/chelsea_jpeg10",
            "images/rocket_noise20",
            "images/rocket_blur2",
            "images/rocket_jpeg10",
        };

    [Theory]
    [MemberData(nameof(ImageCases))]
    public void Psnr_and_ssim_match_scikit_image(string name)
    {
        using var scope = torch.NewDisposeScope();
        var expected = TestData.Case(name);
        var reference = ImageIO.Read(TestData.PathOf(expected["reference"]!.GetValue<string>()), ImageReadMode.Rgb);
        var distorted = ImageIO.Read(TestData.PathOf(expected["distorted"]!.GetValue<string>()), ImageReadMode.Rgb);
        var referenceGray = Grayscale.PillowLuma(reference);
        var distortedGray = Grayscale.PillowLuma(distorted);

        Assert.Equal(expected["psnr_rgb"]!.GetValue<double>(), PeakSignalToNoiseRatio.Compute(reference, distorted), 9);
        Assert.Equal(expected["psnr_gray"]!.GetValue<double>(), PeakSignalToNoiseRatio.Compute(referenceGray, distortedGray), 9);
        Assert.Equal(expected["ssim_rgb"]!.GetValue<double>(), StructuralSimilarity.Compute(reference, distorted), 7);
        Assert.Equal(expected["ssim_gray"]!.GetValue<double>(), StructuralSimilarity.Compute(referenceGray, distortedGray), 7);
    }

    [Theory]
    [InlineData("segmentation/shapes")]
    [InlineData("segmentation/blocks")]
    [InlineData("segmentation/absent_classes")]
    public void Segmentation_scores_match_the_reference(string name)
    {
        using var scope = torch.NewDisposeScope();
        var expected = TestData.Case(name);
        var scores = SegmentationScores.FromLabels(
            LabelMap.Read(TestData.PathOf(expected["gt"]!.GetValue<string>())),
            LabelMap.Read(TestData.PathOf(expected["pred"]!.GetValue<string>())),
            expected["num_classes"]!.GetValue<int>(),
            expected["ignore_label"]!.GetValue<int>()
        );
        Assert.Equal(expected["valid_pixels"]!.GetValue<long>(), scores.ValidPixels);
        Assert.Equal(expected["pixel_accuracy"]!.GetValue<double>(), scores.PixelAccuracy, 12);
        Assert.Equal(expected["mean_class_accuracy"]!.GetValue<double>(), scores.MeanClassAccuracy, 12);
        Assert.Equal(expected["miou"]!.GetValue<double>(), scores.MeanIou, 12);
        Assert.Equal(expected["mean_class_accuracy_eps"]!.GetValue<double>(), scores.MeanClassAccuracyEps, 12);
        Assert.Equal(expected["miou_eps"]!.GetValue<double>(), scores.MeanIouEps, 12);
        var perClass = expected["per_class_iou"]!.AsArray();
        for (var c = 0; c < perClass.Count; c++)
        {
            if (perClass[c] is null)
                Assert.True(double.IsNaN(scores.PerClassIou[c]), $"class {c} should be absent");
            else
                Assert.Equal(perClass[c]!.GetValue<double>(), scores.PerClassIou[c], 12);
        }
    }

    [Fact]
    public void Predictions_outside_the_class_range_are_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var gt = torch.zeros(new long[] { 2, 2 }, ScalarType.Int64);
        var pred = torch.full(new long[] { 2, 2 }, Scalars.Of(19), ScalarType.Int64);
        Assert.Contains("outside 0..18", Assert.Throws<ArgumentException>(() => SegmentationScores.FromLabels(gt, pred, 19)).Message);
    }
}
