namespace Dino.Repro.Evaluation.Metrics.Semantic;

/// <summary>
/// Pixel accuracy, mean class accuracy and mean IoU from a confusion matrix (rows = ground truth, columns =
/// prediction) over the pixels whose ground truth is a valid class — FCN's and pix2pix's eval_cityscapes
/// scores. Two conventions for classes that are absent: the "nan-mean" one (absent classes excluded, the
/// usual mIoU) and pix2pix's (+1e-12 in every denominator, mean over all classes, absent ones counting 0).
/// </summary>
public sealed class SegmentationScores
{
    private const double Eps = 1e-12;

    private SegmentationScores(long[,] confusion) => this.Confusion = confusion;

    public long[,] Confusion { get; }
    public int NumClasses => Confusion.GetLength(0);

    /// <summary>Accumulates labels given as integer tensors of equal shape; ground-truth values outside 0..C−1 are ignored.</summary>
    public static SegmentationScores FromLabels(Tensor groundTruth, Tensor prediction, int numClasses, int ignoreLabel = 255)
    {
        MetricInput.RequireSameShape(groundTruth, prediction, "segmentation");
        var gt = Flat(groundTruth);
        var pred = Flat(prediction);
        var confusion = new long[numClasses, numClasses];
        for (var i = 0; i < gt.Length; i++)
        {
            var g = gt[i];
            if (g == ignoreLabel || g < 0 || g >= numClasses)
                continue;
            var p = pred[i];
            if (p < 0 || p >= numClasses)
                throw new ArgumentException($"prediction holds label {p} at pixel {i}, outside 0..{numClasses - 1}");
            confusion[g, p]++;
        }
        return new SegmentationScores(confusion);
    }

    /// <summary>The scores of a whole set from its parts (one per image): the confusion matrices add, as FCN's evaluation accumulates them.</summary>
    public static SegmentationScores Sum(IReadOnlyCollection<SegmentationScores> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("no segmentation scores to add up");
        var n = parts.First().NumClasses;
        if (parts.Any(p => p.NumClasses != n))
            throw new ArgumentException("segmentation scores over different class counts cannot be added");
        var total = new long[n, n];
        foreach (var part in parts)
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                total[i, j] += part.Confusion[i, j];
        return new SegmentationScores(total);
    }

    private static long[] Flat(Tensor labels)
    {
        if (labels.is_floating_point())
            throw new ArgumentException("label maps must hold integers");
        using var asLong = labels.to(ScalarType.Int64);
        return asLong.ToArray<long>();
    }

    private long Diagonal(int c) => Confusion[c, c];

    private long Row(int c) => Enumerable.Range(0, NumClasses).Sum(j => Confusion[c, j]);

    private long Column(int c) => Enumerable.Range(0, NumClasses).Sum(i => Confusion[i, c]);

    public long ValidPixels => Enumerable.Range(0, NumClasses).Sum(Row);

    public double PixelAccuracy =>
        ValidPixels == 0
            ? throw new InvalidOperationException("no valid ground-truth pixels")
            : (double)Enumerable.Range(0, NumClasses).Sum(Diagonal) / ValidPixels;

    /// <summary>IoU per class; NaN where the class is in neither map.</summary>
    public double[] PerClassIou =>
        Enumerable
            .Range(0, NumClasses)
            .Select(c =>
            {
                var union = Row(c) + Column(c) - Diagonal(c);
                return union == 0 ? double.NaN : (double)Diagonal(c) / union;
            })
            .ToArray();

    public double MeanIou => NanMean(PerClassIou);

    public double MeanClassAccuracy => NanMean(Enumerable.Range(0, NumClasses).Select(c => Row(c) == 0 ? double.NaN : (double)Diagonal(c) / Row(c)));

    /// <summary>pix2pix's eval_cityscapes convention: every class counts, 1e-12 in the denominators.</summary>
    public double MeanIouEps => Enumerable.Range(0, NumClasses).Average(c => Diagonal(c) / (Row(c) + Column(c) - Diagonal(c) + Eps));

    public double MeanClassAccuracyEps => Enumerable.Range(0, NumClasses).Average(c => Diagonal(c) / (Row(c) + Eps));

    private static double NanMean(IEnumerable<double> values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Length == 0 ? double.NaN : present.Average();
    }
}
