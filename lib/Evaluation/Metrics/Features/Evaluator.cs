using Dino.Repro.IO;
using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>What an evaluator's forward returns, as the kit calls it.</summary>
public enum EvaluatorOutputs
{
    /// <summary>The kit's feature format: forward(x) returns a tuple (features [N,D], logits [N,K]); probabilities are softmax(logits).</summary>
    FeaturesAndLogits,

    /// <summary>
    /// One call per kind, told apart by keyword arguments (NVIDIA's Inception, StyleGAN-V's I3D):
    /// forward(x, **features_kwargs) returns features [N,D], forward(x, **probabilities_kwargs) probabilities [N,K].
    /// </summary>
    KeywordSelected,

    /// <summary>forward(x, y) on two float images in [-1,1] returns their distance [N,1,1,1] (LPIPS).</summary>
    Distance,

    /// <summary>
    /// forward(img, **features_kwargs) on float images in [0,255] returns LPIPS features [N,F] (NVIDIA's vgg16.pt):
    /// the distance of two images is the squared L2 norm of their features' difference.
    /// </summary>
    LpipsFeatures,

    /// <summary>forward(x) returns per-pixel class scores [N,C,H,W] (or a tuple whose first element they are): a segmenter.</summary>
    ClassScores,

    /// <summary>forward(x) returns a tuple of per-angle logits over fixed bins (Hopenet: yaw, pitch, roll, [N,66] each).</summary>
    BinnedAngles,
}

/// <summary>
/// A pretrained network the image metrics run, described as stylegan2-ada's metric_utils.get_feature_detector
/// uses it: its file under &lt;data root&gt;/evaluators, the input it expects (uint8 NCHW RGB in [0,255]; a fixed
/// side the kit resizes to, or any size when the network resizes itself), and what forward returns.
/// </summary>
/// <param name="Name">Human name used in errors, e.g. "Inception".</param>
/// <param name="FileName">File name under the evaluators folder.</param>
/// <param name="InputSize">Side the kit resizes images to (bilinear) before forward; null: the network takes any size.</param>
/// <param name="Outputs">How forward's result is read.</param>
/// <param name="MadeBy">What puts the file there, named in the missing-file error.</param>
public sealed record Evaluator(string Name, string FileName, int? InputSize, EvaluatorOutputs Outputs, string MadeBy = "data-scripts/evaluators.sh")
{
    /// <summary>
    /// forward's parameters after the image, in order, with their defaults: TorchSharp calls TorchScript positionally, so the
    /// keyword arguments below are placed by this (<see cref="ScriptSignature.Positional"/>).
    /// </summary>
    public ScriptSignature Signature { get; init; } = new();

    /// <summary>Keyword arguments of the call that returns features (<see cref="EvaluatorOutputs.KeywordSelected"/>).</summary>
    public IReadOnlyDictionary<string, object>? FeaturesKwargs { get; init; }

    /// <summary>
    /// Keyword arguments of the call that returns class probabilities (<see cref="EvaluatorOutputs.KeywordSelected"/>); null: it gives none.
    /// </summary>
    public IReadOnlyDictionary<string, object>? ProbabilitiesKwargs { get; init; }

    /// <summary>The folder the evaluators live in by default: &lt;data root&gt;/evaluators (where evaluators.sh puts them).</summary>
    public static string DefaultFolder() => Path.Combine(KitPaths.DataRoot(), "evaluators");

    /// <summary>The file's expected path in <paramref name="folder"/> (default: <see cref="DefaultFolder"/>).</summary>
    public string PathIn(string? folder = null) => Path.GetFullPath(Path.Combine(folder ?? DefaultFolder(), FileName));

    /// <summary>Null when the file is in <paramref name="folder"/>; otherwise what is missing and which script makes it.</summary>
    public string? Missing(string? folder = null) => File.Exists(PathIn(folder)) ? null : MissingEvaluatorException.Describe(this, PathIn(folder));

    /// <summary>The file in <paramref name="folder"/>; throws <see cref="MissingEvaluatorException"/> naming what makes it when absent.</summary>
    public string RequirePath(string? folder = null)
    {
        var path = PathIn(folder);
        return File.Exists(path) ? path : throw new MissingEvaluatorException(this, path);
    }

    /// <summary>A kit-format evaluator loaded from an explicit file (e.g. --set evaluator=FILE).</summary>
    public static Evaluator FromFile(string path, int? inputSize, string name = "Inception") =>
        new(name, Path.GetFullPath(path), inputSize, EvaluatorOutputs.FeaturesAndLogits, "the file given with --set evaluator");

    /// <summary>This evaluator's interface read from an explicit file instead (--set evaluator=FILE).</summary>
    public Evaluator WithFile(string path) => this with { FileName = Path.GetFullPath(path), MadeBy = "the file given with --set evaluator" };
}

/// <summary>An evaluator file that is not there: says which and what fetches or makes it; the metric never skips silently.</summary>
public sealed class MissingEvaluatorException(Evaluator evaluator, string path) : FileNotFoundException(Describe(evaluator, path), path)
{
    public Evaluator Evaluator { get; } = evaluator;

    internal static string Describe(Evaluator evaluator, string path) =>
        $"the {evaluator.Name} evaluator is missing: run {evaluator.MadeBy} (expected at {path})";
}
