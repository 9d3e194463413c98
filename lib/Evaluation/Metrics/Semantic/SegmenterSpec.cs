using Dino.Repro.Evaluation.Metrics.Features;

namespace Dino.Repro.Evaluation.Metrics.Semantic;

/// <summary>
/// How a TorchScript segmenter takes images: RGB uint8 pixels x become (x − mean) / std per channel, in RGB or
/// (Caffe models) BGR order, at a fixed input size (bilinear resize) or at the image's own size when
/// <paramref name="InputHeight"/> is null; forward returns class scores [N,C,H,W] (or a tuple whose first element
/// they are), and the label of a pixel is their argmax.
/// </summary>
/// <param name="Evaluator">The file and what fetches or makes it (outputs <see cref="EvaluatorOutputs.ClassScores"/>).</param>
/// <param name="NumClasses">C: scores per pixel.</param>
/// <param name="Mean">Per-channel mean on the 0..255 scale, in the network's channel order.</param>
/// <param name="Std">Per-channel standard deviation on the 0..255 scale, in the network's channel order.</param>
public sealed record SegmenterSpec(
    Evaluator Evaluator,
    int NumClasses,
    int? InputHeight,
    int? InputWidth,
    double[] Mean,
    double[] Std,
    bool Bgr = false
)
{
    /// <summary>A segmenter file given by hand (--set segmenter=FILE), taking the image as is in [−1,1] unless told otherwise.</summary>
    public static SegmenterSpec FromFile(string path, int numClasses, double[]? mean = null, double[]? std = null) =>
        new(
            new Evaluator("segmenter", Path.GetFullPath(path), null, EvaluatorOutputs.ClassScores, "the file given with --set segmenter"),
            numClasses,
            null,
            null,
            mean ?? [127.5, 127.5, 127.5],
            std ?? [127.5, 127.5, 127.5]
        );
}
