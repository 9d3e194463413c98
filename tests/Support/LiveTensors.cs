namespace Dino.Repro.Tests.Support;

public static class LiveTensors
{
    /// <summary>
    /// The live-tensor count after every tensor other tests left to the GC has been finalised, so that a
    /// finaliser running later cannot move the count under an exact comparison.
    /// </summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
