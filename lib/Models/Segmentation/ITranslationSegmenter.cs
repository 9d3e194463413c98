namespace Dino.Repro.Models.Segmentation;

/// <summary>
/// What judges whether a translation kept its label map's semantics (Table 1's pixel accuracy and mIoU): a segmenter
/// the kit trained on the embedded corpus (<see cref="ShapesSegmenter"/>) or a pretrained TorchScript one on the real
/// corpora (<see cref="PretrainedSegmenter"/>).
/// </summary>
public interface ITranslationSegmenter : IDisposable
{
    /// <summary>The label classes it predicts.</summary>
    int Classes { get; }

    /// <summary>How the report names it, e.g. "the face parser evaluators/face-parsing.pt".</summary>
    string Description { get; }

    /// <summary>Per-pixel class labels int64 [N, H, W] of 8-bit RGB images uint8 [N, H, W, 3], as a saved PNG holds them.</summary>
    Tensor Segment(Tensor pixels);
}
