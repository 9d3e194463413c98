using TorchSharp.Modules;

namespace Dino.Repro.Models.AcGan;

/// <summary>E of Dong et al. (step 2): an <see cref="AcGanTrunk"/> of its own and a dense layer to z, no output activation.</summary>
public sealed class AcGanEncoder : nn.Module<Tensor, Tensor>
{
    private readonly AcGanTrunk trunk;
    private readonly Linear latent;

    public AcGanEncoder(long latent, long width, long resolution)
        : base(nameof(AcGanEncoder))
    {
        trunk = new AcGanTrunk(width, resolution);
        this.latent = torch.nn.Linear(trunk.Features, latent);
        RegisterComponents();
    }

    /// <summary>images [B, 3, R, R] → z [B, latent].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return latent.call(trunk.call(images)).MoveToOuterDisposeScope();
    }
}
