using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// The AC-GAN objective as Dong et al.'s code trains it: D sees real faces as real and their classes, fakes as fake (the
/// class term on real faces only); G wants its fakes called real and of the class it was asked for.
/// </summary>
public static class AcGanLosses
{
    /// <summary>BCE(D(x) → 1) + BCE(D(G(z, c)) → 0) + CE(class logits of x, c_x).</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, Tensor realClassLogits, Tensor realLabels)
    {
        using var scope = torch.NewDisposeScope();
        var real = F.binary_cross_entropy_with_logits(realLogits, torch.ones_like(realLogits));
        var fake = F.binary_cross_entropy_with_logits(fakeLogits, torch.zeros_like(fakeLogits));
        var classes = F.cross_entropy(realClassLogits, realLabels);
        return (real + fake + classes).MoveToOuterDisposeScope();
    }

    /// <summary>BCE(D(G(z, c)) → 1) + CE(class logits of G(z, c), c).</summary>
    public static Tensor Generator(Tensor fakeLogits, Tensor fakeClassLogits, Tensor fakeLabels)
    {
        using var scope = torch.NewDisposeScope();
        var realness = F.binary_cross_entropy_with_logits(fakeLogits, torch.ones_like(fakeLogits));
        var classes = F.cross_entropy(fakeClassLogits, fakeLabels);
        return (realness + classes).MoveToOuterDisposeScope();
    }
}
