namespace Dino.Repro.Evaluation.Metrics.Semantic;

/// <summary>
/// IoU per class and by object size, summed over a set of label maps: per class over every pixel (as mIoU's per-class
/// terms), and per size bin over the (image, class) instances whose class covers that share of the image's valid
/// ground-truth pixels — small, medium or large. A method that loses thin or small objects and one that blurs every
/// edge lose IoU in different bins; the background class is not an object and has no bin.
/// </summary>
public sealed class ClassIouBySize
{
    /// <summary>Upper shares of the small and medium bins (2 % and 8 % of the image); large is the rest.</summary>
    public static IReadOnlyList<double> BinEdges { get; } = [0.02, 0.08];

    public static IReadOnlyList<string> BinNames { get; } = ["small", "medium", "large"];

    private readonly int background;
    private readonly int ignoreLabel;
    private readonly long[] classIntersection,
        classUnion;
    private readonly double[] classShare;
    private readonly long[] binIntersection = new long[3],
        binUnion = new long[3];
    private readonly int[] binInstances = new int[3];

    /// <param name="classes">Label classes 0..C−1.</param>
    /// <param name="background">The class that is not an object (no size bin); −1 for none.</param>
    /// <param name="ignoreLabel">Ground-truth pixels with this label are not scored (Cityscapes' 255).</param>
    public ClassIouBySize(int classes, int background = 0, int ignoreLabel = 255)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
        this.background = background;
        this.ignoreLabel = ignoreLabel;
        classIntersection = new long[classes];
        classUnion = new long[classes];
        classShare = new double[classes];
    }

    public int Classes { get; }

    /// <summary>Label maps added so far.</summary>
    public int Images { get; private set; }

    /// <summary>Adds ground-truth and predicted integer label maps [N, H, W] (or one [H, W]).</summary>
    public void Add(Tensor groundTruth, Tensor prediction)
    {
        MetricInput.RequireSameShape(groundTruth, prediction, "segmentation");
        if (groundTruth.is_floating_point() || prediction.is_floating_point())
            throw new ArgumentException("label maps must hold integers");
        using var gt = groundTruth.dim() == 2 ? groundTruth.unsqueeze(0) : groundTruth.alias();
        using var predicted = prediction.dim() == 2 ? prediction.unsqueeze(0) : prediction.alias();
        for (long i = 0; i < gt.size(0); i++)
        {
            using var g = gt[i].to(ScalarType.Int64);
            using var p = predicted[i].to(ScalarType.Int64);
            AddImage(g.data<long>().ToArray(), p.data<long>().ToArray());
        }
    }

    private void AddImage(long[] gt, long[] predicted)
    {
        var truth = new long[Classes];
        var guessed = new long[Classes];
        var both = new long[Classes];
        long valid = 0;
        for (var i = 0; i < gt.Length; i++)
        {
            var g = gt[i];
            if (g == ignoreLabel || g < 0 || g >= Classes)
                continue;
            var p = predicted[i];
            if (p < 0 || p >= Classes)
                throw new ArgumentException($"prediction holds label {p} at pixel {i}, outside 0..{Classes - 1}");
            valid++;
            truth[g]++;
            guessed[p]++;
            if (g == p)
                both[g]++;
        }
        if (valid == 0)
            return;
        Images++;
        for (var c = 0; c < Classes; c++)
        {
            var union = truth[c] + guessed[c] - both[c];
            classIntersection[c] += both[c];
            classUnion[c] += union;
            classShare[c] += (double)truth[c] / valid;
            if (c == background || truth[c] == 0)
                continue;
            var bin = BinOf((double)truth[c] / valid);
            binIntersection[bin] += both[c];
            binUnion[bin] += union;
            binInstances[bin]++;
        }
    }

    /// <summary>The bin of an object covering <paramref name="share"/> of its image's valid pixels.</summary>
    public static int BinOf(double share) =>
        share < BinEdges[0] ? 0
        : share < BinEdges[1] ? 1
        : 2;

    /// <summary>IoU per class over every pixel added; null where the class is in neither map.</summary>
    public double?[] ClassIou => Ratios(classIntersection, classUnion);

    /// <summary>IoU per size bin over the object instances in it; null for an empty bin.</summary>
    public double?[] BinIou => Ratios(binIntersection, binUnion);

    /// <summary>Object instances (image, class) per size bin.</summary>
    public IReadOnlyList<int> BinInstances => binInstances;

    /// <summary>Each class's mean share of an image's valid ground-truth pixels.</summary>
    public double[] ClassShare => classShare.Select(s => Images == 0 ? 0 : s / Images).ToArray();

    private static double?[] Ratios(long[] intersection, long[] union) =>
        intersection.Select((inter, i) => union[i] == 0 ? (double?)null : (double)inter / union[i]).ToArray();
}
