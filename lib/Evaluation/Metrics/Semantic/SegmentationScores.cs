
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

    private SegmentationScores(long[,] confusion) => this.confusion = confusion;

    public long[,] confusion { get; }
    public int num_classes => confusion.GetLength(0);

    /// <summary>Accumulates labels given as integer tensors of equal shape; ground-truth values outside 0..C−1 are ignored.</summary>
    public static SegmentationScores FromLabels(Tensor groundTruth, Tensor prediction, int num_classes, int ignore_label = 255)
    {
        MetricInput.RequireSameShape(groundTruth, prediction, "segmentation");
        var gt = Flat(groundTruth);
        var pred = Flat(prediction);
        var confusion = new long[num_classes, num_classes];
        for (var i = 0; i < gt.Length; i++)
        {
            var g = gt[i];
            if (g == ignore_label || g < 0 || g >= num_classes) continue;
            var p = pred[i];
            if (p < 0 || p >= num_classes)
                throw new ArgumentException($"prediction holds label {p} at pixel {i}, outside 0..{num_classes - 1}");
            confusion[g, p]++;
        }
        return new SegmentationScores(confusion);
    }

    /// <summary>The scores of a whole set from its parts (one per image): the confusion matrices add, as FCN's evaluation accumulates them.</summary>
    public static SegmentationScores Sum(IReadOnlyCollection<SegmentationScores> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("no segmentation scores to add up");
        var n = parts.First().num_classes;
        if (parts.Any(p => p.num_classes != n)) throw new ArgumentException("segmentation scores over different class counts cannot be added");
        var total = new long[n, n];
        foreach (var part in parts)
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) total[i, j] += part.confusion[i, j];
        return new SegmentationScores(total);
    }

    private static long[] Flat(Tensor labels)
    {
        if (labels.is_floating_point()) throw new ArgumentException("label maps must hold integers");
        using var asLong = labels.to(ScalarType.Int64);
        return asLong.ToArray<long>();
    }

    private long Diagonal(int c) => confusion[c, c];
    private long Row(int c) => Enumerable.Range(0, num_classes).Sum(j => confusion[c, j]);
    private long Column(int c) => Enumerable.Range(0, num_classes).Sum(i => confusion[i, c]);

    public long valid_pixels => Enumerable.Range(0, num_classes).Sum(Row);

    public double pixel_accuracy => valid_pixels == 0
        ? throw new InvalidOperationException("no valid ground-truth pixels")
        : (double)Enumerable.Range(0, num_classes).Sum(Diagonal) / valid_pixels;

    /// <summary>IoU per class; NaN where the class is in neither map.</summary>
    public double[] per_class_iou => Enumerable.Range(0, num_classes).Select(c =>
    {
        var union = Row(c) + Column(c) - Diagonal(c);
        return union == 0 ? double.NaN : (double)Diagonal(c) / union;
    }).ToArray();

    public double mean_iou => NanMean(per_class_iou);

    public double mean_class_accuracy => NanMean(Enumerable.Range(0, num_classes)
        .Select(c => Row(c) == 0 ? double.NaN : (double)Diagonal(c) / Row(c)));

    /// <summary>pix2pix's eval_cityscapes convention: every class counts, 1e-12 in the denominators.</summary>
    public double mean_iou_eps => Enumerable.Range(0, num_classes)
        .Average(c => Diagonal(c) / (Row(c) + Column(c) - Diagonal(c) + Eps));

    public double mean_class_accuracy_eps => Enumerable.Range(0, num_classes).Average(c => Diagonal(c) / (Row(c) + Eps));

    private static double NanMean(IEnumerable<double> values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Length == 0 ? double.NaN : present.Average();
    }
}
