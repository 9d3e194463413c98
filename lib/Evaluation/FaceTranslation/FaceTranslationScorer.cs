using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Models.FaceAttributes;

namespace Dino.Repro.Evaluation.FaceTranslation;

/// <summary>
/// Scores translations of a split's faces into the other domain with a <see cref="FaceJudge"/>: the rate read as the target
/// domain, the pose, mouth and gaze read on each translation against those its input was drawn with, and the Fréchet
/// distance in the judge's features between the translations into each domain and the real faces of that domain (the mean
/// of the two directions). The real faces' feature statistics are computed once, for every method scored.
/// </summary>
public sealed class FaceTranslationScorer : IDisposable
{
    private readonly FaceJudge judge;
    private readonly LabelledFaces faces;

    // Per domain (0, 1): the real faces' feature statistics; null when a domain has fewer than two faces.
    private readonly FeatureStatistics?[] real;

    public FaceTranslationScorer(FaceJudge judge, LabelledFaces faces)
    {
        this.judge = judge ?? throw new ArgumentNullException(nameof(judge));
        this.faces = faces ?? throw new ArgumentNullException(nameof(faces));
        using (torch.NewDisposeScope())
        {
            var (_, _, features) = judge.Read(faces.Images);
            real = [.. new long[] { 0, 1 }.Select(domain => Statistics(features, faces.Classes.eq(Scalars.Of(domain))))];
            // Kept for every Score call, past this scope.
            foreach (var statistics in real)
            {
                statistics?.Mean.DetachFromDisposeScope();
                statistics?.Covariance.DetachFromDisposeScope();
            }
        }
    }

    /// <summary>Every translation metric of <paramref name="translations"/> [N, 3, S, S], the i-th the i-th face in the other domain.</summary>
    public Dictionary<string, double?> Score(Tensor translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        if (translations.size(0) != faces.Count)
            throw new ArgumentException($"{translations.size(0)} translations for {faces.Count} faces");
        using var scope = torch.NewDisposeScope();
        var targets = Scalars.Of(1) - faces.Classes;
        var (male, factors, features) = judge.Read(translations);
        var scores = new Dictionary<string, double?>
        {
            [FaceTranslationMetrics.TargetRate] = FaceTranslationMetrics.TargetDomainRate(male, targets),
            [FaceTranslationMetrics.Fid] = DomainFid(features, targets),
        };
        foreach (var (key, value) in FaceTranslationMetrics.FactorErrors(factors, faces.Factors))
            scores[key] = value;
        return scores;
    }

    // The mean over both domains of FID(translations into it, real faces of it); null when a domain has too few faces.
    private double? DomainFid(Tensor translatedFeatures, Tensor targets)
    {
        var distances = new List<double>();
        foreach (var domain in new long[] { 0, 1 })
        {
            using var translated = Statistics(translatedFeatures, targets.eq(Scalars.Of(domain)));
            if (translated is null || real[domain] is not { } reals)
                return null;
            distances.Add(FrechetDistance.Compute(translated, reals));
        }
        return distances.Average();
    }

    // The statistics of the rows of features that mask selects; null below two rows.
    private static FeatureStatistics? Statistics(Tensor features, Tensor mask)
    {
        var rows = features.index_select(0, mask.nonzero().squeeze(1)); // temporaries: the caller's dispose scope frees them
        return rows.size(0) < 2 ? null : FeatureStatistics.From(rows);
    }

    public void Dispose()
    {
        foreach (var statistics in real)
            statistics?.Dispose();
    }
}
