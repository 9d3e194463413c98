using Dino.Repro.App.Reproduce;
using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Models.Dino;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.App.Reproduce;

/// <summary>
/// The batched scoring of a test split (what Tables 1, 2 and 4 and <c>dino evaluate</c> print) against the same metrics
/// computed here on the whole split at once: batching must not change a number.
/// </summary>
public class TestSetEvaluationTests
{
    [Fact]
    public void Below_cpbds_64_pixel_block_its_cell_is_not_measured_as_dino_metric_cpbd_refuses_such_images()
    {
        using var data = new DataRootScope();
        var test = EvaluationCorpus.For(new DinoOptions { ShapesCount = 40, Resolution = 32 }).LoadTest(32);
        using var scores = TestSetEvaluation.Run(test, new TranslationScorer(null, null), [("same", c => c.clone())], keep: 1);
        Assert.All(scores.Rows, r => Assert.Null(r.Values[Table1Metrics.Cpbd]));
        Assert.All(scores.Rows, r => Assert.NotNull(r.Values[Table1Metrics.Ssim]));
        Assert.True(TranslationScorer.CpbdTooSmall(32) && !TranslationScorer.CpbdTooSmall(64));
    }

    [Fact]
    public void Batched_scores_equal_the_metrics_of_the_whole_split_at_once()
    {
        using var data = new DataRootScope();
        // 400 Shapes pairs hold 40 test pairs: two batches of 32, the second partial.
        var test = EvaluationCorpus.For(new DinoOptions { ShapesCount = 400, Resolution = 64 }).LoadTest(64);
        Assert.Equal(40, test.Count);
        using var segmenter = PretrainedSegmenter.TryLoad(SegmenterSpec.FromFile(Fixtures.Path("tiny_segmenter.pt"), 5), out var missing);
        Assert.Null(missing);
        using var inception = FeatureExtractor.Load(Evaluators.Inception with { FileName = Fixtures.Path("tiny_any_size_inception.pt") });
        static Tensor Translate(Tensor conditions) => conditions.mul(Scalars.Of(0.5)).add(Scalars.Of(0.1)); // any fixed map of the label image

        using var scores = TestSetEvaluation.Run(test, new TranslationScorer(segmenter, inception), [("halved", Translate)], keep: 3);

        using var scope = torch.NewDisposeScope();
        using var all = test.Batches(test.Count).Single();
        var fake = Translate(all.Conditions);
        var real8 = ImageTensor.ToHwc(all.Photos);
        var fake8 = ImageTensor.ToHwc(fake);
        var n = all.Count;
        var psnr = Enumerable.Range(0, n).Average(i => PeakSignalToNoiseRatio.Compute(real8[i], fake8[i], 255));
        var ssim = Enumerable.Range(0, n).Average(i => StructuralSimilarity.Compute(real8[i], fake8[i], 255));
        var cpbd = Enumerable.Range(0, n).Average(i => Cpbd.Compute(Grayscale.PillowLuma(fake8[i])));
        var segmentation = SegmentationScores.FromLabels(all.Labels, segmenter!.Segment(fake8), 5);
        var realSegmentation = SegmentationScores.FromLabels(all.Labels, segmenter.Segment(real8), 5);
        using var realFeatures = inception.Extract(real8.permute(0, 3, 1, 2).contiguous());
        using var fakeFeatures = inception.Extract(fake8.permute(0, 3, 1, 2).contiguous());
        var fid = FrechetDistance.Compute(realFeatures.RequireFeatures("Inception"), fakeFeatures.RequireFeatures("Inception"));

        Assert.Equal([PaperTable1.GroundTruth, "halved"], scores.Rows.Select(r => r.Method));
        var truth = scores.Rows[0].Values;
        Assert.Null(truth[Table1Metrics.Psnr]);
        Assert.Null(truth[Table1Metrics.Fid]);
        Assert.Equal(1.0, truth[Table1Metrics.Ssim]!.Value, 12);
        Assert.Equal(realSegmentation.PixelAccuracy, truth[Table1Metrics.PixelAccuracy]!.Value, 12);

        var row = scores.Rows[1].Values;
        Assert.Equal(psnr, row[Table1Metrics.Psnr]!.Value, 9);
        Assert.Equal(ssim, row[Table1Metrics.Ssim]!.Value, 9);
        Assert.Equal(cpbd, row[Table1Metrics.Cpbd]!.Value, 9);
        Assert.Equal(segmentation.PixelAccuracy, row[Table1Metrics.PixelAccuracy]!.Value, 12);
        Assert.Equal(segmentation.MeanIou, row[Table1Metrics.MeanIou]!.Value, 12);
        Assert.True(fid > 0);
        Assert.Equal(fid, row[Table1Metrics.Fid]!.Value, fid * 1e-6);

        // The first pairs are kept for the sample grid, with the method's translations of them.
        Assert.True(scores.Conditions.Equals(all.Conditions.narrow(0, 0, 3)));
        Assert.True(scores.Photos.Equals(all.Photos.narrow(0, 0, 3)));
        Assert.True(scores.Translations.Single().Equals(fake.narrow(0, 0, 3)));
    }

    [Fact]
    public void Without_a_segmenter_or_inception_those_cells_stay_empty_and_a_missing_file_names_its_script()
    {
        using var data = new DataRootScope();
        var test = EvaluationCorpus.For(new DinoOptions { ShapesCount = 20, Resolution = 64 }).LoadTest(64);
        using var scores = TestSetEvaluation.Run(test, new TranslationScorer(null, null), [("copy", c => c.clone())]);
        foreach (var key in new[] { Table1Metrics.Fid, Table1Metrics.PixelAccuracy, Table1Metrics.MeanIou })
            Assert.Null(scores.Rows[1].Values[key]);

        Assert.Null(FeatureExtractor.TryLoad(Evaluators.Inception, out var missing));
        Assert.Contains("data-scripts/evaluators.sh", missing);
        Assert.Contains(Path.Combine(data.Path, "evaluators", "inception-2015-12-05.pt"), missing);
        Assert.Null(PretrainedSegmenter.TryLoad(Segmenters.FaceParsing, out missing));
        Assert.Contains("CONVERSION.md", missing);
    }
}
