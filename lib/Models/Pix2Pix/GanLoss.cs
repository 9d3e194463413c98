using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.Pix2Pix;

/// <summary>pix2pix's "vanilla" GANLoss: binary cross-entropy of the logits against an all-real or all-fake target.</summary>
public static class GanLoss
{
    public static Tensor Vanilla(Tensor logits, bool targetIsReal)
    {
        using var target = targetIsReal ? torch.ones_like(logits) : torch.zeros_like(logits);
        return F.binary_cross_entropy_with_logits(logits, target);
    }
}
