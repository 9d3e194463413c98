using TorchSharp.Modules;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Wav2Pix's auxiliary classifier: the speech embedding → Linear 200, BatchNorm1d, LeakyReLU 0.2 → Linear to one logit
/// per identity, BatchNorm1d. The reference hard-codes 10 identities; the kit takes the corpus' count.
/// </summary>
public sealed class AuxiliaryIdentityClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public AuxiliaryIdentityClassifier(long identities, long embedding = 128)
        : base(nameof(AuxiliaryIdentityClassifier))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(identities, 2);
        layers = nn.Sequential(
            nn.Linear(embedding, 200),
            nn.BatchNorm1d(200),
            nn.LeakyReLU(0.2),
            nn.Linear(200, identities),
            nn.BatchNorm1d(identities)
        );
        RegisterComponents();
    }

    /// <summary>embeddings [B, 128] → identity logits [B, identities].</summary>
    public override Tensor forward(Tensor embeddings) => layers.call(embeddings);
}
