using Dino.Repro.Evaluation.Metrics.Features;

namespace Dino.Repro.Evaluation.Metrics.Semantic;

/// <summary>
/// The segmenters the semantic scores know by name. None is published as TorchScript, so each file is made once
/// by a conversion (data-scripts/CONVERSION.md, "Segmenters"); the input conventions below are those of the
/// repositories the weights come from, and were not run here (the weights cannot be fetched in the kit's build
/// environment).
/// </summary>
public static class Segmenters
{
    private const string Converted = "data-scripts/evaluators.sh, then the 'Segmenters' step of data-scripts/CONVERSION.md";

    /// <summary>
    /// CelebAMask-HQ's face-parsing UNet (switchablenorms/CelebAMask-HQ, face_parsing/): 19 classes (background
    /// and 18 face parts), 512×512 RGB normalised with mean 0.5, std 0.5 (its tester's transform).
    /// </summary>
    public static SegmenterSpec FaceParsing { get; } =
        new(
            new Evaluator("face parsing", "face-parsing.pt", null, EvaluatorOutputs.ClassScores, Converted),
            19,
            512,
            512,
            [127.5, 127.5, 127.5],
            [127.5, 127.5, 127.5]
        );

    /// <summary>
    /// pix2pix's Cityscapes FCN-8s (Caffe, scripts/eval_cityscapes): 19 train classes, BGR pixels minus the
    /// Cityscapes mean (72.78044, 83.21195, 73.45286), no scaling, run at the image's own size.
    /// </summary>
    public static SegmenterSpec CityscapesFcn8s { get; } =
        new(
            new Evaluator("Cityscapes FCN-8s", "fcn8s-cityscapes.pt", null, EvaluatorOutputs.ClassScores, Converted),
            19,
            null,
            null,
            [72.78044, 83.21195, 73.45286],
            [1, 1, 1],
            Bgr: true
        );

    /// <summary>
    /// A DeepLabv3+ trained on Cityscapes (what DINO reports; no official weights from DINO's authors): 19 train
    /// classes, RGB normalised with the ImageNet mean and std, run at the image's own size.
    /// </summary>
    public static SegmenterSpec CityscapesDeepLabV3Plus { get; } =
        new(
            new Evaluator("Cityscapes DeepLabv3+", "deeplabv3plus-cityscapes.pt", null, EvaluatorOutputs.ClassScores, Converted),
            19,
            null,
            null,
            [0.485 * 255, 0.456 * 255, 0.406 * 255],
            [0.229 * 255, 0.224 * 255, 0.225 * 255]
        );

    /// <summary>The segmenter called <paramref name="name"/> on the command line.</summary>
    public static SegmenterSpec Named(string name) =>
        name switch
        {
            "face-parsing" => FaceParsing,
            "cityscapes-fcn8s" => CityscapesFcn8s,
            "cityscapes-deeplabv3plus" => CityscapesDeepLabV3Plus,
            _ => throw new ArgumentException($"unknown segmenter '{name}'; known: face-parsing, cityscapes-fcn8s, cityscapes-deeplabv3plus"),
        };
}
