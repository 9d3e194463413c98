using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

/// <summary>
/// A tensor that a <see cref="Modules.Module"/> registers as trainable. It takes over the storage of the
/// tensor it is made from (that wrapper becomes invalid), is a leaf, and is never owned by a dispose scope.
/// </summary>
public sealed class Parameter : Tensor
{
    public Parameter(Tensor data, bool requires_grad = true) : base(DetachedHandle(data), attachToScope: false)
    {
        this.requires_grad = requires_grad;
    }

    private static IntPtr DetachedHandle(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.is_leaf && !data.requires_grad) return data.StealHandle();
        // A tensor inside a graph: keep the values, drop the history (the caller's wrapper stays valid).
        return LibTorch.dn_detach(data.Handle);
    }
}
