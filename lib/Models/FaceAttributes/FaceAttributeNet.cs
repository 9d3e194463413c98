using TorchSharp.Modules;

namespace Dino.Repro.Models.FaceAttributes;

/// <summary>
/// A small convolutional judge of faces: three stride-2 4×4 convolutions (LReLU 0.2), pooled to 4×4 whatever the size, a
/// 128-d feature layer, and two heads — the domain's two logits and the five shared factors (normalised). Its features are
/// the space the stand-in FID is measured in.
/// </summary>
public sealed class FaceAttributeNet : nn.Module<Tensor, (Tensor domainLogits, Tensor factors)>
{
    public const int FeatureSize = 128;

    private readonly Sequential trunk;
    private readonly Linear domain,
        factors;

    public FaceAttributeNet(int factorCount)
        : base(nameof(FaceAttributeNet))
    {
        trunk = nn.Sequential(
            nn.Conv2d(3, 32, 4, stride: 2, padding: 1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, stride: 2, padding: 1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, stride: 2, padding: 1),
            nn.LeakyReLU(0.2),
            nn.AdaptiveAvgPool2d(4),
            nn.Flatten(),
            nn.Linear(128 * 16, FeatureSize),
            nn.ReLU()
        );
        domain = nn.Linear(FeatureSize, 2);
        factors = nn.Linear(FeatureSize, factorCount);
        RegisterComponents();
    }

    /// <summary>The 128-d features of faces [N, 3, S, S] in [−1, 1].</summary>
    public Tensor Features(Tensor faces) => trunk.call(faces);

    public override (Tensor domainLogits, Tensor factors) forward(Tensor faces)
    {
        using var features = Features(faces);
        return (domain.call(features), factors.call(features));
    }
}
