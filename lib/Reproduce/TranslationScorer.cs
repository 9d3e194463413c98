using Dino.Repro.Metrics.Image;
using Dino.Repro.Metrics.Semantic;
using Dino.Repro.Torch;
using Dino.Repro.Vision;

namespace Dino.Repro.Reproduce;

/// <summary>
/// Scores images against the test split's photos and label maps the way the paper's toolkits do, on 8-bit images
/// (what a saved PNG holds): PSNR and SSIM with data range 255 (SSIM the mean over RGB channels), CPBD on the
/// Pillow-grey image, pixel accuracy and mIoU of the segmenter's labels over all test pixels (one confusion matrix;
/// mIoU over classes present in either map). PSNR, SSIM and CPBD are means over the test images.
/// </summary>
public sealed class TranslationScorer
{
    private const int CpbdBlock = 64;
    private readonly Tensor photos;
    private readonly Tensor labels;
    private readonly ShapesSegmenter? segmenter;

    /// <param name="photos">Real test photos [N, 3, H, W] in [-1, 1].</param>
    /// <param name="labels">Their label maps int64 [N, H, W].</param>
    /// <param name="segmenter">Null where none is available (real Cityscapes): pixel accuracy and mIoU are then not measured.</param>
    public TranslationScorer(Tensor photos, Tensor labels, ShapesSegmenter? segmenter)
    {
        this.photos = photos;
        this.labels = labels;
        this.segmenter = segmenter;
    }

    /// <summary>True when CPBD ran on 2×-replicated pixels because the images are smaller than its 64² block.</summary>
    public bool CpbdUpscaled => photos.size(2) < CpbdBlock;

    /// <summary>The scores of <paramref name="images"/> [N, 3, H, W] in [-1, 1], translations of the test conditions in order.</summary>
    public IReadOnlyDictionary<string, double?> Score(Tensor images, bool isGroundTruth = false)
    {
        using var scope = torch.NewDisposeScope();
        var fake = ImageTensor.ToHwc(images);
        var real = ImageTensor.ToHwc(photos);
        var n = fake.size(0);
        double psnr = 0, ssim = 0, cpbd = 0;
        for (long i = 0; i < n; i++)
        {
            if (!isGroundTruth) psnr += PeakSignalToNoiseRatio.Compute(real[i], fake[i], 255);
            ssim += StructuralSimilarity.Compute(real[i], fake[i], 255);
            cpbd += Cpbd.Compute(ForCpbd(Grayscale.PillowLuma(fake[i])));
        }
        // The segmenter sees the 8-bit image, as it would a saved PNG.
        var segmentation = segmenter is null ? null : SegmentationScores.FromLabels(labels, segmenter.Predict(ImageTensor.ToChw(fake)), segmenter.Classes);
        return new Dictionary<string, double?>
        {
            [Table1Metrics.Psnr] = isGroundTruth ? null : psnr / n,  // +∞ against itself: the paper leaves it blank too
            [Table1Metrics.Ssim] = ssim / n,
            [Table1Metrics.Cpbd] = cpbd / n,
            [Table1Metrics.Fid] = null,
            [Table1Metrics.PixelAccuracy] = segmentation?.pixel_accuracy,
            [Table1Metrics.MeanIou] = segmentation?.mean_iou,
        };
    }

    // CPBD judges 64×64 blocks; smaller images (the smoke preset's 32²) are pixel-replicated until one block fits.
    private static Tensor ForCpbd(Tensor grey)
    {
        var factor = (long)Math.Ceiling((double)CpbdBlock / Math.Min(grey.size(0), grey.size(1)));
        if (factor <= 1) return grey;
        var (h, w) = (grey.size(0), grey.size(1));
        return grey.reshape(h, 1, w, 1).expand(h, factor, w, factor).reshape(h * factor, w * factor);
    }
}
