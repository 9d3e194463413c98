using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Models.Segmentation;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// The paper's segmenter on a real corpus (CelebAMask-HQ's face parser, a Cityscapes DeepLabv3+) as a TorchScript
/// file from data-scripts/evaluators.sh, run image by image at its own input convention (<see cref="SegmenterSpec"/>).
/// </summary>
public sealed class PretrainedSegmenter : ITranslationSegmenter
{
    private readonly Segmenter segmenter;

    private PretrainedSegmenter(Segmenter segmenter) => this.segmenter = segmenter;

    /// <summary>
    /// The segmenter <paramref name="spec"/> names, loaded from <paramref name="folder"/> (default &lt;data root&gt;/evaluators);
    /// null when its file is not there, with <paramref name="missing"/> saying which script makes it. It runs on
    /// <paramref name="device"/> (default the CPU).
    /// </summary>
    public static PretrainedSegmenter? TryLoad(SegmenterSpec spec, out string? missing, string? folder = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        missing = spec.Evaluator.Missing(folder);
        return missing is null ? new PretrainedSegmenter(Segmenter.Load(spec, folder, device)) : null;
    }

    public int Classes => segmenter.Spec.NumClasses;

    public string Description => $"the pretrained {segmenter.Spec.Evaluator.Name} segmenter {segmenter.Path}";

    public Tensor Segment(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var scope = torch.NewDisposeScope();
        var labels = Enumerable.Range(0, (int)pixels.size(0)).Select(i => segmenter.Predict(pixels[i])).ToArray();
        return torch.stack(labels, 0).MoveToOuterDisposeScope();
    }

    public void Dispose() => segmenter.Dispose();
}
