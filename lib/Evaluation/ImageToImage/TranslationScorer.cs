using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// Scores images against the test split's photos and label maps the way the paper's toolkits do, on 8-bit images
/// (what a saved PNG holds): PSNR and SSIM with data range 255 (SSIM the mean over RGB channels), CPBD on the
/// Pillow-grey image, pixel accuracy and mIoU of the segmenter's labels over all test pixels (one confusion matrix;
/// mIoU over classes present in either map), and FID between the Inception features of the translations and of the
/// real test photos. PSNR, SSIM and CPBD are means over the test images. Batches are added one at a time
/// (<see cref="RowScores.Add"/>), so a whole split never needs to be in memory.
/// </summary>
public sealed class TranslationScorer
{
    private const int CpbdBlock = 64;

    /// <param name="segmenter">Null where none is available: pixel accuracy and mIoU are then not measured.</param>
    /// <param name="inception">Null where the Inception evaluator is missing: FID is then not measured.</param>
    public TranslationScorer(ITranslationSegmenter? segmenter, FeatureExtractor? inception)
    {
        Segmenter = segmenter;
        Inception = inception;
    }

    public ITranslationSegmenter? Segmenter { get; }
    public FeatureExtractor? Inception { get; }

    /// <summary>The segmenter trained with blur augmentation (embedded corpora); null: its columns are not measured.</summary>
    public ITranslationSegmenter? BlurRobustSegmenter { get; init; }

    /// <summary>The scores of one table row, filled batch by batch; the ground truth's row scores the real photos themselves.</summary>
    public RowScores Row(bool isGroundTruth = false) => new(this, isGroundTruth);

    /// <summary>
    /// True when images of this side are smaller than CPBD's 64² block: CPBD is then not measured (null), as
    /// `dino metric cpbd` refuses such images, instead of scoring pixel-replicated copies on which it saturates near 1.
    /// </summary>
    public static bool CpbdTooSmall(int resolution) => resolution < CpbdBlock;

    /// <summary>The running sums of one row.</summary>
    public sealed class RowScores : IDisposable
    {
        private readonly TranslationScorer scorer;
        private readonly bool isGroundTruth;
        private readonly List<SegmentationScores> segmentation = [],
            blurRobust = [];
        private ClassIouBySize? breakdown;
        private readonly List<Tensor> features = [];
        private double psnr,
            ssim,
            cpbd;
        private bool cpbdMeasured = true;

        internal RowScores(TranslationScorer scorer, bool isGroundTruth)
        {
            this.scorer = scorer;
            this.isGroundTruth = isGroundTruth;
        }

        /// <summary>Images scored so far.</summary>
        public int Count { get; private set; }

        /// <summary>Adds <paramref name="images"/> [B, 3, H, W] in [−1, 1], the translations of a test batch (its real photos and labels).</summary>
        public void Add(TestBatch batch, Tensor images)
        {
            ArgumentNullException.ThrowIfNull(batch);
            ArgumentNullException.ThrowIfNull(images);
            using var scope = torch.NewDisposeScope();
            var fake = ImageTensor.ToHwc(images);
            var real = ImageTensor.ToHwc(batch.Photos);
            var n = fake.size(0);
            if (n != real.size(0))
                throw new ArgumentException($"{n} translations for a batch of {real.size(0)} test pairs");
            for (long i = 0; i < n; i++)
            {
                if (!isGroundTruth)
                    psnr += PeakSignalToNoiseRatio.Compute(real[i], fake[i], 255);
                ssim += StructuralSimilarity.Compute(real[i], fake[i], 255);
                cpbdMeasured &= !CpbdTooSmall((int)Math.Min(fake.size(1), fake.size(2)));
                if (cpbdMeasured)
                    cpbd += Cpbd.Compute(Grayscale.PillowLuma(fake[i]));
            }
            // The segmenter and Inception see the 8-bit image, as they would a saved PNG.
            if (scorer.Segmenter is { } segmenter)
            {
                var predicted = segmenter.Segment(fake);
                segmentation.Add(SegmentationScores.FromLabels(batch.Labels, predicted, segmenter.Classes));
                breakdown ??= new ClassIouBySize(segmenter.Classes);
                breakdown.Add(batch.Labels, predicted);
            }
            if (scorer.BlurRobustSegmenter is { } robust)
                blurRobust.Add(SegmentationScores.FromLabels(batch.Labels, robust.Segment(fake), robust.Classes));
            if (scorer.Inception is { } inception)
            {
                using var extracted = inception.Extract(fake.permute(0, 3, 1, 2).contiguous(), kinds: FeatureKinds.Features);
                features.Add(extracted.RequireFeatures(inception.Evaluator.Name).clone().MoveToOuterDisposeScope());
            }
            Count += (int)n;
        }

        /// <summary>Inception features [N, D] of every image added (null without the evaluator).</summary>
        public Tensor? Features() => features.Count == 0 ? null : torch.cat(features.ToArray(), 0);

        /// <summary>
        /// The row's values by <see cref="Table1Metrics"/> key; FID against <paramref name="realFeatures"/> (the ground
        /// truth row's <see cref="Features"/>), null for the ground truth itself (the paper leaves it blank too).
        /// </summary>
        public IReadOnlyDictionary<string, double?> Result(Tensor? realFeatures)
        {
            if (Count == 0)
                throw new InvalidOperationException("no test images were scored");
            var confusion = segmentation.Count == 0 ? null : SegmentationScores.Sum(segmentation);
            double? fid = null;
            if (!isGroundTruth && realFeatures is not null && Features() is { } fake)
            {
                using (fake)
                    fid = FrechetDistance.Compute(realFeatures, fake);
            }
            var robust = blurRobust.Count == 0 ? null : SegmentationScores.Sum(blurRobust);
            var values = new Dictionary<string, double?>
            {
                [Table1Metrics.Psnr] = isGroundTruth ? null : psnr / Count, // +∞ against itself: the paper leaves it blank too
                [Table1Metrics.Ssim] = ssim / Count,
                [Table1Metrics.Cpbd] = cpbdMeasured ? cpbd / Count : null,
                [Table1Metrics.Fid] = fid,
                [Table1Metrics.PixelAccuracy] = confusion?.PixelAccuracy,
                [Table1Metrics.MeanIou] = confusion?.MeanIou,
                [SemanticBreakdown.BlurRobustPixelAccuracy] = robust?.PixelAccuracy,
                [SemanticBreakdown.BlurRobustMeanIou] = robust?.MeanIou,
            };
            foreach (var (key, value) in breakdown is null ? [] : SemanticBreakdown.Values(breakdown))
                values[key] = value;
            return values;
        }

        public void Dispose()
        {
            foreach (var f in features)
                f.Dispose();
            features.Clear();
        }
    }
}
