using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// Step 3 of Dong et al.: a face x of class c is encoded to z = E(x) and drawn again by the AC-GAN's G — as its own
/// class, G(z, c), the reconstruction, and as the other class, G(z, 1 − c), the translation. Both networks run in eval mode
/// (batch norm's running statistics) without gradients, and are left in the mode they were in.
/// </summary>
public static class AcGanTranslation
{
    /// <summary>Reconstructions and translations [N, 3, R, R] of faces [N, 3, R, R] in [−1, 1] whose classes are [N] (int64, 0 or 1).</summary>
    public static (Tensor reconstruction, Tensor translation) Run(AcGanGenerator generator, AcGanEncoder encoder, Tensor faces, Tensor classes)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.dim() != 1 || classes.size(0) != faces.size(0))
            throw new ArgumentException($"classes must be [N] for {faces.size(0)} faces, got [{string.Join(", ", classes.shape)}]");
        using var _ = torch.no_grad();
        return EvalMode.Run(
            () =>
            {
                using var scope = torch.NewDisposeScope();
                var z = encoder.call(faces);
                var reconstruction = generator.call(z, classes);
                var translation = generator.call(z, classes.neg().add_(Scalars.Of(1)));
                return (reconstruction.MoveToOuterDisposeScope(), translation.MoveToOuterDisposeScope());
            },
            generator,
            encoder
        );
    }
}
