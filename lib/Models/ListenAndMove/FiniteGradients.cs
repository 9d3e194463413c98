using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>The reference's <c>finiteCheck</c>: a gradient entry that is NaN or ±∞ becomes 0 before the optimiser steps.</summary>
public static class FiniteGradients
{
    public static void ZeroNonFinite(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var _ = torch.no_grad();
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad)
                continue;
            using var bad = grad.isfinite().logical_not();
            grad.masked_fill_(bad, Scalars.Of(0));
        }
    }
}
