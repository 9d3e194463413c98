using Dino.Repro.Evaluation.Metrics.Image;

namespace Dino.Repro.Evaluation.Metrics.Video;

/// <summary>One clip's per-frame values and their mean (the clip's score).</summary>
public sealed record ClipScore(double[] PerFrame)
{
    public double Mean => PerFrame.Average();
}

/// <summary>
/// Image metrics applied frame by frame, as Listen and Move (Redondo 2023) scores generated videos: the metric of
/// each frame pair, averaged over the clip; a set of clips is the mean of its clip scores, so every clip counts once
/// whatever its length. SSIM: 11×11 Gaussian σ 1.5, C1 = 0.01², C2 = 0.03² on [0,1] — the image SSIM with data
/// range 255 on uint8 frames, which is the same number (both constants scale with the range).
/// </summary>
public static class PerFrameVideoMetric
{
    /// <summary>SSIM per frame of uint8 [T,H,W,3] clips.</summary>
    public static ClipScore Ssim(Tensor reference, Tensor degraded) =>
        EachFrame(reference, degraded, "video SSIM", (r, d) => StructuralSimilarity.Compute(r, d, 255));

    /// <summary>PSNR (dB, data range 255) per frame of uint8 [T,H,W,3] clips; identical frames give +∞.</summary>
    public static ClipScore Psnr(Tensor reference, Tensor degraded) =>
        EachFrame(reference, degraded, "video PSNR", (r, d) => PeakSignalToNoiseRatio.Compute(r, d, 255));

    /// <summary>LPIPS per frame of uint8 [T,H,W,3] clips, the frames taken to [−1,1] and run <paramref name="batchSize"/> at a time.</summary>
    public static ClipScore Lpips(Lpips lpips, Tensor reference, Tensor degraded, int batchSize = 16)
    {
        RequireClips(reference, degraded, "video LPIPS");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var values = new List<double>();
        for (long start = 0; start < reference.size(0); start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(batchSize, reference.size(0) - start);
            var x = Vision.ImageTensor.ToChw(reference.narrow(0, start, count));
            var y = Vision.ImageTensor.ToChw(degraded.narrow(0, start, count));
            values.AddRange(lpips.Distances(x, y).ToArray<double>());
        }
        return new ClipScore(values.ToArray());
    }

    /// <summary>The mean over clips of each clip's mean (Listen and Move's per-sequence average).</summary>
    public static double MeanOverClips(IReadOnlyCollection<ClipScore> clips) =>
        clips.Count > 0 ? clips.Average(c => c.Mean) : throw new ArgumentException("no clips to average");

    private static ClipScore EachFrame(Tensor reference, Tensor degraded, string metric, Func<Tensor, Tensor, double> frameMetric)
    {
        RequireClips(reference, degraded, metric);
        var values = new double[reference.size(0)];
        for (var t = 0; t < values.Length; t++)
        {
            using var scope = torch.NewDisposeScope();
            values[t] = frameMetric(reference[t], degraded[t]);
        }
        return new ClipScore(values);
    }

    private static void RequireClips(Tensor reference, Tensor degraded, string metric)
    {
        MetricInput.RequireSameShape(reference, degraded, metric);
        if (reference.dim() != 4 || reference.size(3) != 3 || reference.dtype != ScalarType.Byte)
            throw new ArgumentException(
                $"{metric}: clips are uint8 [T,H,W,3], got {reference.dtype.TorchName()} [{string.Join(", ", reference.shape)}]"
            );
        if (reference.size(0) == 0)
            throw new ArgumentException($"{metric}: the clips hold no frames");
    }
}
