namespace Dino.Repro.Tests;

public static class ModuleCounts
{
    /// <summary>The number of elements over all parameters (what PyTorch's sum(p.numel() for p in net.parameters()) prints).</summary>
    public static long ParameterCount(this nn.Module module) => module.parameters().Sum(p => p.numel());
}
