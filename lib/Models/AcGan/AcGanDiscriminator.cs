using TorchSharp.Modules;

namespace Dino.Repro.Models.AcGan;

/// <summary>D of Dong et al.: the <see cref="AcGanTrunk"/> and two dense heads, one real/fake logit and one logit per class.</summary>
public sealed class AcGanDiscriminator : nn.Module<Tensor, (Tensor realness, Tensor classes)>
{
    private readonly AcGanTrunk trunk;
    private readonly Linear realness;
    private readonly Linear classes;

    public AcGanDiscriminator(long width, long resolution, long classes = AcGanOptions.Classes)
        : base(nameof(AcGanDiscriminator))
    {
        trunk = new AcGanTrunk(width, resolution);
        realness = torch.nn.Linear(trunk.Features, 1);
        this.classes = torch.nn.Linear(trunk.Features, classes);
        RegisterComponents();
    }

    /// <summary>images [B, 3, R, R] → (real/fake logits [B], class logits [B, classes]).</summary>
    public override (Tensor realness, Tensor classes) forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        var features = trunk.call(images);
        var logit = realness.call(features).squeeze(1);
        var classLogits = classes.call(features);
        return (logit.MoveToOuterDisposeScope(), classLogits.MoveToOuterDisposeScope());
    }
}
