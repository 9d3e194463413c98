using TorchSharp.Modules;

namespace Dino.Repro.Tests.Support;

/// <summary>
/// A small conditional-free DCGAN on 8×8 images: generator, discriminator, two Adam optimisers and the
/// standard non-saturating losses. Used by the memory and determinism tests as a stand-in training loop.
/// </summary>
public sealed class TinyGan : IDisposable
{
    private const int Batch = 8;
    private const int Latent = 8;

    private readonly Sequential generator = nn.Sequential(
        nn.ConvTranspose2d(Latent, 16, 4, stride: 1, padding: 0, bias: false), // 1×1 → 4×4
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.ConvTranspose2d(16, 1, 4, stride: 2, padding: 1), // 4×4 → 8×8
        nn.Tanh()
    );

    private readonly Sequential discriminator = nn.Sequential(
        nn.Conv2d(1, 16, 4, stride: 2, padding: 1), // 8×8 → 4×4
        nn.LeakyReLU(0.2),
        nn.Conv2d(16, 1, 4, stride: 1)
    ); // 4×4 → 1×1 logit (padding 0 by default: a literal 0 is ambiguous with the Padding overload)

    private readonly optim.Optimizer optG;
    private readonly optim.Optimizer optD;
    private readonly Tensor realImages;

    public TinyGan()
    {
        optG = optim.Adam(generator.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999);
        optD = optim.Adam(discriminator.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999);
        // "Real" data: a fixed bright square on a dark background, with a little noise per step.
        realImages = full(new long[] { Batch, 1, 8, 8 }, Scalars.Of(-1.0)).DetachFromDisposeScope();
        realImages.index_put_(Scalars.Of(1.0), TensorIndex.Colon, TensorIndex.Colon, 2..6, 2..6);
    }

    /// <summary>One discriminator update then one generator update; returns (loss_D, loss_G).</summary>
    public (double lossD, double lossG) Step()
    {
        using var scope = NewDisposeScope();
        var real = realImages + randn(realImages.shape) * Scalars.Of(0.05);
        var z = randn(Batch, Latent, 1, 1);
        var fake = generator.call(z);

        var ones = torch.ones(Batch, 1, 1, 1);
        var zeros = torch.zeros(Batch, 1, 1, 1);
        var lossD =
            nn.functional.binary_cross_entropy_with_logits(discriminator.call(real), ones)
            + nn.functional.binary_cross_entropy_with_logits(discriminator.call(fake.detach()), zeros);
        optD.zero_grad();
        lossD.backward();
        optD.step();

        var lossG = nn.functional.binary_cross_entropy_with_logits(discriminator.call(fake), ones);
        optG.zero_grad();
        lossG.backward();
        optG.step();
        return (lossD.item<float>(), lossG.item<float>()); // float32 losses, widened exactly
    }

    public void Dispose()
    {
        generator.Dispose();
        discriminator.Dispose();
        realImages.Dispose();
        optG.Dispose();
        optD.Dispose();
    }
}
