using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Switches parameters' requires_grad (PyTorch's <c>set_requires_grad</c> of the pix2pix/BicycleGAN base model): a step
/// whose optimiser does not move a network need not compute that network's weight gradients; gradients still flow
/// through it to its inputs.
/// </summary>
public static class RequiresGrad
{
    public static void Set(nn.Module network, bool requiresGrad) => Set(network.parameters(), requiresGrad);

    public static void Set(IEnumerable<Parameter> parameters, bool requiresGrad)
    {
        foreach (var p in parameters)
            p.requires_grad = requiresGrad;
    }

    /// <summary>Turns requires_grad off for <paramref name="parameters"/> until the returned scope is disposed.</summary>
    public static IDisposable Off(IEnumerable<Parameter> parameters)
    {
        var frozen = parameters.Where(p => p.requires_grad).ToList();
        Set(frozen, false);
        return new Restore(frozen);
    }

    private sealed class Restore(IReadOnlyList<Parameter> parameters) : IDisposable
    {
        public void Dispose() => Set(parameters, true);
    }
}
