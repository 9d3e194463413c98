namespace Dino.Repro.Tests.Support;

/// <summary>
/// A theory about what a machine without CUDA does (refusing device=cuda). Where a CUDA device is visible it is
/// reported as skipped, the mirror image of <see cref="CudaFactAttribute"/>.
/// </summary>
public sealed class NoCudaTheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<bool> available = new(() => TorchSharp.torch.cuda.is_available());

    public NoCudaTheoryAttribute()
    {
        if (available.Value)
            Skip = "a CUDA device is visible: device=cuda is accepted here";
    }
}
