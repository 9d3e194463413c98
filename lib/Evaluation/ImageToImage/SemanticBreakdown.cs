using Dino.Repro.Evaluation.Metrics.Semantic;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// What lies behind a row's mIoU, kept in <see cref="MethodScores.Values"/> beside Table 1's keys: IoU per class and
/// each class's share of the pixels, IoU by object size (<see cref="ClassIouBySize"/>), and pixel accuracy and mIoU
/// under the blur-robust segmenter. A translation that kept its semantics but blurred them gains under that segmenter;
/// one that lost small objects stays low in the small bin under both.
/// </summary>
public static class SemanticBreakdown
{
    public const string BlurRobustPixelAccuracy = "pixel_accuracy_blur_robust";
    public const string BlurRobustMeanIou = "miou_blur_robust";

    public static string ClassIou(int label) => $"iou_class_{label}";

    public static string ClassShare(int label) => $"share_class_{label}";

    public static string SizeIou(int bin) => $"iou_{ClassIouBySize.BinNames[bin]}_objects";

    public static string SizeObjects(int bin) => $"{ClassIouBySize.BinNames[bin]}_objects";

    /// <summary>A size bin as the report heads it, e.g. "small (< 2 %)".</summary>
    public static string BinHeader(int bin)
    {
        var edges = ClassIouBySize.BinEdges;
        var range = bin switch
        {
            0 => $"< {edges[0] * 100:0.#} %",
            _ when bin == edges.Count => $"≥ {edges[^1] * 100:0.#} %",
            _ => $"{edges[bin - 1] * 100:0.#}–{edges[bin] * 100:0.#} %",
        };
        return $"{ClassIouBySize.BinNames[bin]} ({range})";
    }

    /// <summary>The breakdown's values of one row from its per-class and per-size sums.</summary>
    public static IEnumerable<KeyValuePair<string, double?>> Values(ClassIouBySize sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var iou = sums.ClassIou;
        var share = sums.ClassShare;
        for (var c = 0; c < sums.Classes; c++)
        {
            yield return KeyValuePair.Create(ClassIou(c), iou[c]);
            yield return KeyValuePair.Create(ClassShare(c), (double?)share[c]);
        }
        var bins = sums.BinIou;
        for (var b = 0; b < bins.Length; b++)
        {
            yield return KeyValuePair.Create(SizeIou(b), bins[b]);
            yield return KeyValuePair.Create(SizeObjects(b), (double?)sums.BinInstances[b]);
        }
    }
}
