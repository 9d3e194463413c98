using Dino.Repro.App.Reproduce;
using Dino.Repro.Data;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.IO;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.App.Reproduce;

public class ShapesSegmenterTests
{
    /// <summary>
    /// The segmenter behind Table 1's pixel accuracy and mIoU must itself read real Shapes photos well, or those
    /// columns mean nothing. At the smoke setting (32 pairs, 32², 150 steps) it measured 0.961 pixel accuracy and
    /// 0.859 mIoU on the 3 real test photos; the thresholds leave margin for libtorch/BLAS differences.
    /// </summary>
    [Fact]
    public void At_smoke_it_segments_real_test_photos_above_85_percent_pixel_accuracy_and_is_cached()
    {
        using var data = new DataRootScope();
        var corpus = EvaluationCorpus.For(
            new DinoOptions
            {
                Corpus = "shapes",
                ShapesCount = 32,
                Resolution = 32,
            }
        );
        using var test = corpus.LoadTest(32).Batches(int.MaxValue).Single();
        var options = new SegmenterOptions(32, SegmenterOptions.DefaultSteps(Preset.Smoke));

        using (var trained = ShapesSegmenter.LoadOrTrain(corpus.Root, corpus.Classes, corpus.TrainBatches!, options))
        {
            Assert.False(trained.FromCache);
            using var predicted = trained.Predict(test.Photos);
            var scores = SegmentationScores.FromLabels(test.Labels, predicted, trained.Classes);
            Assert.True(scores.PixelAccuracy > 0.85, $"pixel accuracy {scores.PixelAccuracy:0.000}");
            Assert.True(scores.MeanIou > 0.6, $"mIoU {scores.MeanIou:0.000}");
        }

        // Cached next to the corpus, keyed by it and the options: a second call reads it, other options do not.
        Assert.StartsWith(Path.GetDirectoryName(corpus.Root)!, ShapesSegmenter.CachePathFor(corpus.Root, options));
        using (var cached = ShapesSegmenter.LoadOrTrain(corpus.Root, corpus.Classes, corpus.TrainBatches!, options))
            Assert.True(cached.FromCache);
        Assert.NotEqual(ShapesSegmenter.CachePathFor(corpus.Root, options), ShapesSegmenter.CachePathFor(corpus.Root, options with { Steps = 10 }));
    }

    [Fact]
    public void Blur_augmentation_blurs_about_half_the_photos_of_a_batch_each_within_the_sigma_range()
    {
        torch.manual_seed(3);
        using var photo = torch.rand(1, 3, 32, 32) * Scalars.Of(2) - Scalars.Of(1);
        using var batch = photo.expand(200, 3, 32, 32).contiguous();
        using var augmented = ShapesSegmenter.BlurHalf(batch, 64);
        // The weakest blur the range allows changes a photo less than any photo it touches; the strongest, more.
        using var weakest = GaussianBlur.Apply(photo, SegmenterOptions.BlurSigmas.Low);
        using var strongest = GaussianBlur.Apply(photo, SegmenterOptions.BlurSigmas.High);
        double Change(Tensor image) => (image - photo).abs().mean().ToDouble();
        var blurred = 0;
        for (var i = 0; i < 200; i++)
        {
            var change = Change(augmented[i].unsqueeze(0));
            if (change == 0)
                continue;
            blurred++;
            Assert.InRange(change, Change(weakest) * 0.999, Change(strongest) * 1.001);
        }
        Assert.InRange(blurred, 70, 130); // Binomial(200, ½): 100 ± 4.2 sd
        Assert.Equal(batch.shape, augmented.shape);
    }

    [Fact]
    public void The_blur_augmented_segmenter_is_cached_apart_from_the_plain_one_and_says_so()
    {
        var options = new SegmenterOptions(32, 10);
        var blurred = options with { BlurAugment = true };
        Assert.NotEqual(ShapesSegmenter.CachePathFor("/data/shapes/v2", options), ShapesSegmenter.CachePathFor("/data/shapes/v2", blurred));
    }
}
