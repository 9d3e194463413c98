using TorchSharp.Modules;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The projection variant's identity encoder: the one-hot vector through Linear → 128, batch norm and LeakyReLU 0.2, as Reed
/// et al. project their text embedding. G and D each train their own.
/// </summary>
public sealed class IdentityProjection : nn.Module<Tensor, Tensor>
{
    private readonly int identities;
    private readonly Sequential project;

    public IdentityProjection(int identities)
        : base(nameof(IdentityProjection))
    {
        this.identities = identities;
        project = nn.Sequential(nn.Linear(identities, IdentityCode.Size), nn.BatchNorm1d(IdentityCode.Size), nn.LeakyReLU(0.2));
        RegisterComponents();
    }

    /// <summary>labels [B] → [B, 128].</summary>
    public override Tensor forward(Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var oneHot = torch.nn.functional.one_hot(labels, identities).to(ScalarType.Float32);
        return project.call(oneHot);
    }
}
