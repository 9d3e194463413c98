namespace Dino.Repro.Tests.Support;

/// <summary>
/// A fact that needs a CUDA device. Where libtorch has no CUDA or no GPU is visible the test is reported as
/// skipped with the reason, never as passed, so a CPU run cannot be mistaken for a GPU check.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public const string Reason = "no CUDA device (CPU-only libtorch or no GPU)";

    // Asked once per test run: the answer cannot change while the process lives, and every [CudaFact] asks.
    private static readonly Lazy<bool> available = new(() => TorchSharp.torch.cuda.is_available());

    public CudaFactAttribute()
    {
        if (!available.Value)
            Skip = Reason;
    }
}
