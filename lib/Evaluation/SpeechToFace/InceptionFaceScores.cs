using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;

namespace Dino.Repro.Evaluation.SpeechToFace;

/// <summary>
/// The thesis' own measure where the Inception file is present (data-scripts/evaluators.sh): the Inception Score of faces
/// from Inception's softmax, and FID in its pool3 features against the real training faces (computed once), each face
/// quantised to bytes as a saved image would be.
/// </summary>
public sealed class InceptionFaceScores : IDisposable
{
    private readonly FeatureExtractor inception;
    private readonly FeatureStatistics real;

    public InceptionFaceScores(FeatureExtractor inception, Tensor realTrainFaces)
    {
        this.inception = inception ?? throw new ArgumentNullException(nameof(inception));
        ArgumentNullException.ThrowIfNull(realTrainFaces);
        using var scope = torch.NewDisposeScope();
        using var extracted = inception.ExtractAsSaved(realTrainFaces, kinds: FeatureKinds.Features);
        real = FeatureStatistics.From(extracted.RequireFeatures(inception.Evaluator.Name));
        real.Mean.DetachFromDisposeScope();
        real.Covariance.DetachFromDisposeScope();
    }

    /// <summary>IS (mean and spread over its parts) and FID of faces [N, 3, S, S] in [−1, 1].</summary>
    public Dictionary<string, double?> Score(Tensor faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        using var scope = torch.NewDisposeScope();
        using var extracted = inception.ExtractAsSaved(faces);
        var score = InceptionScore.Compute(extracted.RequireProbabilities(inception.Evaluator.Name), SpeechToFaceScorer.Splits(faces.size(0)));
        using var generated = FeatureStatistics.From(extracted.RequireFeatures(inception.Evaluator.Name));
        return new Dictionary<string, double?>
        {
            [SpeechToFaceMetrics.InceptionIs] = score.Mean,
            [SpeechToFaceMetrics.InceptionIs + SpeechToFaceMetrics.StdSuffix] = score.Std,
            [SpeechToFaceMetrics.InceptionFid] = FrechetDistance.Compute(generated, real),
        };
    }

    public void Dispose() => real.Dispose();
}
