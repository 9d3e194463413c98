using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Models.FaceAttributes;

namespace Dino.Repro.Evaluation.SpeechToFace;

/// <summary>
/// Scores faces generated from speech with an <see cref="IdentityJudge"/>: the judge's identity accuracy and Inception
/// Score, the Fréchet distance in its features to the real training faces, whether each face's hair follows its
/// speaker's recorded trait, and the within-speaker diversity. The real training faces' feature statistics are computed
/// once, for every split and method scored.
/// </summary>
public sealed class SpeechToFaceScorer : IDisposable
{
    private readonly IdentityJudge judge;
    private readonly IReadOnlyList<double>? hairByLabel;
    private readonly FeatureStatistics real;

    /// <param name="realTrainFaces">The real faces of the training split [N, 3, S, S], the FID's reference.</param>
    /// <param name="hairByLabel">Each speaker's recorded hair length, or null where the corpus records none.</param>
    public SpeechToFaceScorer(IdentityJudge judge, Tensor realTrainFaces, IReadOnlyList<double>? hairByLabel)
    {
        this.judge = judge ?? throw new ArgumentNullException(nameof(judge));
        ArgumentNullException.ThrowIfNull(realTrainFaces);
        this.hairByLabel = hairByLabel;
        using var scope = torch.NewDisposeScope();
        var (_, _, features) = judge.Read(realTrainFaces);
        real = FeatureStatistics.From(features);
        // Kept for every Score call, past this scope.
        real.Mean.DetachFromDisposeScope();
        real.Covariance.DetachFromDisposeScope();
    }

    /// <summary>Every metric of <paramref name="faces"/> [N, 3, S, S] in [−1, 1], the i-th drawn for speaker <paramref name="labels"/>[i].</summary>
    public Dictionary<string, double?> Score(Tensor faces, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(labels);
        if (faces.size(0) != labels.size(0) || faces.size(0) < 2)
            throw new ArgumentException($"{faces.size(0)} faces for {labels.size(0)} speakers (at least two of each)");
        using var scope = torch.NewDisposeScope();
        var (identity, hair, features) = judge.Read(faces);
        var inception = Metrics.Image.InceptionScore.Compute(identity, Splits(faces.size(0)));
        using var generated = FeatureStatistics.From(features);
        return new Dictionary<string, double?>
        {
            [SpeechToFaceMetrics.IdentityAccuracy] = SpeechToFaceMetrics.Accuracy(identity, labels),
            [SpeechToFaceMetrics.InceptionScore] = inception.Mean,
            [SpeechToFaceMetrics.InceptionScoreStd] = inception.Std,
            [SpeechToFaceMetrics.Fid] = FrechetDistance.Compute(generated, real),
            [SpeechToFaceMetrics.HairAgreement] = hairByLabel is null ? null : SpeechToFaceMetrics.TraitAgreement(hair, labels, hairByLabel),
            [SpeechToFaceMetrics.Diversity] = SpeechToFaceMetrics.WithinIdentityDiversity(faces, labels),
        };
    }

    /// <summary>
    /// Parts an Inception Score of <paramref name="count"/> faces is cut into: ten as Salimans et al. where there are faces enough, fewer (at least
    /// 50 a part) otherwise.
    /// </summary>
    public static int Splits(long count) => (int)Math.Clamp(count / 50, 1, 10);

    public void Dispose() => real.Dispose();
}
