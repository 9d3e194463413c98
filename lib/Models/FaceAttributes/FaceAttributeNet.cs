using TorchSharp.Modules;

namespace Dino.Repro.Models.FaceAttributes;

/// <summary>
/// A small convolutional judge of faces: three stride-2 4×4 convolutions (LReLU 0.2), pooled to 4×4 whatever the size, a
/// 128-d feature layer, and two heads — class logits (two domains, or the speakers) and regressed factors (normalised).
/// Its features are the space the stand-in FID is measured in.
/// </summary>
public sealed class FaceAttributeNet : nn.Module<Tensor, (Tensor classLogits, Tensor factors)>
{
    public const int FeatureSize = 128;

    private readonly Sequential trunk;
    private readonly Linear classes,
        factors;

    /// <param name="classCount">Classes the first head tells apart.</param>
    /// <param name="factorCount">Factors the second head regresses.</param>
    public FaceAttributeNet(int classCount, int factorCount)
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
        classes = nn.Linear(FeatureSize, classCount);
        factors = nn.Linear(FeatureSize, factorCount);
        RegisterComponents();
    }

    /// <summary>The 128-d features of faces [N, 3, S, S] in [−1, 1].</summary>
    public Tensor Features(Tensor faces) => trunk.call(faces);

    public override (Tensor classLogits, Tensor factors) forward(Tensor faces)
    {
        using var features = Features(faces);
        return (classes.call(features), factors.call(features));
    }

    /// <summary>
    /// Trains the judge with Adam (1e-3) on random batches of <paramref name="faces"/>: cross-entropy against
    /// <paramref name="classLabels"/> plus the mean squared error against the normalised <paramref name="targets"/>
    /// [N, factors] (none: the class head alone learns); the batch order comes from <paramref name="seed"/> alone. Leaves it in eval mode.
    /// </summary>
    public void Fit(Tensor faces, Tensor classLabels, Tensor? targets, int steps, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(classLabels);
        var count = faces.size(0);
        using var order = new Generator(unchecked((ulong)seed));
        using var optimizer = torch.optim.Adam(parameters(), lr: 1e-3);
        train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var pick = torch.randint(0, count, [Math.Min(batchSize, count)], generator: order);
            var (logits, predicted) = call(faces.index_select(0, pick));
            var loss = torch.nn.functional.cross_entropy(logits, classLabels.index_select(0, pick));
            if (targets is not null)
                loss = loss + torch.nn.functional.mse_loss(predicted, targets.index_select(0, pick));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        eval();
    }
}
