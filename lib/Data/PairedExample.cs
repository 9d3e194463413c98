namespace Dino.Repro.Data;

/// <summary>How a label map is fed to an image-to-image network.</summary>
public enum ConditionEncoding
{
    /// <summary>The label map drawn in the corpus palette, float [3,H,W] in [-1,1]: what DINO and pix2pix feed.</summary>
    PaletteImage,

    /// <summary>One channel per class, float [C,H,W] in {0,1}; ignore pixels are all zero (SPADE-style inputs).</summary>
    OneHot,
}

/// <summary>
/// One segmentation→photo example at the requested size: the encoded condition (see <see cref="ConditionEncoding"/>),
/// the target photo float [3,H,W] in [-1,1] and the label map int64 [H,W] (for segmentation metrics).
/// </summary>
public sealed record PairedExample(string Id, Tensor Condition, Tensor Photo, Tensor Labels) : IDisposable
{
    public void Dispose()
    {
        Condition.Dispose();
        Photo.Dispose();
        Labels.Dispose();
    }
}
