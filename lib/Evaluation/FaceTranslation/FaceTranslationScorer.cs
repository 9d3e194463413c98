using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Models.FaceAttributes;

namespace Dino.Repro.Evaluation.FaceTranslation;

/// <summary>
/// Scores translations of a split's faces into the other domain with a <see cref="FaceJudge"/>: the rate read as the target
/// domain, the pose, mouth and gaze read on each translation against those its input was drawn with, and the Fréchet
/// distance in the judge's features between the translations into each domain and the real faces of that domain (the mean
/// of the two directions).
/// </summary>
public sealed class FaceTranslationScorer
{
    private readonly FaceJudge judge;
    private readonly LabelledFaces faces;

    public FaceTranslationScorer(FaceJudge judge, LabelledFaces faces)
    {
        this.judge = judge ?? throw new ArgumentNullException(nameof(judge));
        this.faces = faces ?? throw new ArgumentNullException(nameof(faces));
    }

    /// <summary>Every translation metric of <paramref name="translations"/> [N, 3, S, S], the i-th the i-th face in the other domain.</summary>
    public Dictionary<string, double?> Score(Tensor translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        if (translations.size(0) != faces.Count)
            throw new ArgumentException($"{translations.size(0)} translations for {faces.Count} faces");
        using var scope = torch.NewDisposeScope();
        var targets = 1 - faces.Classes;
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
        var (_, _, realFeatures) = judge.Read(faces.Images);
        var distances = new List<double>();
        foreach (var domain in new long[] { 0, 1 })
        {
            var translated = translatedFeatures.index_select(0, targets.eq(domain).nonzero().squeeze(1));
            var real = realFeatures.index_select(0, faces.Classes.eq(domain).nonzero().squeeze(1));
            if (translated.size(0) < 2 || real.size(0) < 2)
                return null;
            distances.Add(FrechetDistance.Compute(translated, real));
        }
        return distances.Average();
    }
}
