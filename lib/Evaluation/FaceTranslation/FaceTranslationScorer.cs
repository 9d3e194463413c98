using Dino.Repro.Data.CelebA;
using Dino.Repro.Evaluation.Metrics.Face;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Models.FaceAttributes;

namespace Dino.Repro.Evaluation.FaceTranslation;

/// <summary>
/// Scores translations of a split's faces into the other domain: the rate a <see cref="FaceJudge"/> reads as the target
/// domain; what the translation keeps — on the embedded corpus the pose, mouth and gaze the judge reads against those the
/// input was drawn with, on a real corpus the yaw and roll Hopenet reads on the translation against those it reads on the
/// input; and the Fréchet distance between the translations into each domain and that domain's real faces (the mean of
/// the two directions), in the judge's features and, where its file is present, Inception's. The real faces' statistics
/// and the inputs' poses are computed once, for every method scored.
/// </summary>
public sealed class FaceTranslationScorer : IDisposable
{
    // Faces per forward pass: Hopenet reads 224² inputs, so a real test split is never passed at once.
    private const int Chunk = 128;

    private static readonly long[] Domains = [0, 1];

    private readonly FaceJudge judge;
    private readonly GenderFaces faces;
    private readonly Tensor? recordedFactors;
    private readonly HeadPoseEstimator? headPose;
    private readonly FeatureExtractor? inception;

    // Hopenet's (yaw, roll) of the inputs [N, 2], the truth on a real corpus; null with recorded factors or no Hopenet.
    private readonly Tensor? inputPoses;

    // Per domain: the real faces' statistics in the judge's features and in Inception's; null below two faces.
    private readonly FeatureStatistics?[] realJudge;
    private readonly FeatureStatistics?[] realInception;

    /// <param name="judge">Reads the domain and its features (and the factors, where it learnt them).</param>
    /// <param name="faces">The inputs: the i-th translation is the i-th face in the other domain.</param>
    /// <param name="recordedFactors">The factors each face was drawn with [N, 5] (the embedded corpus), or null.</param>
    /// <param name="headPose">Where no factors are recorded: Hopenet, whose reading of each input is the pose to keep.</param>
    /// <param name="inception">Inception for the FID column the field reports, or null.</param>
    public FaceTranslationScorer(
        FaceJudge judge,
        GenderFaces faces,
        Tensor? recordedFactors = null,
        HeadPoseEstimator? headPose = null,
        FeatureExtractor? inception = null
    )
    {
        this.judge = judge ?? throw new ArgumentNullException(nameof(judge));
        this.faces = faces ?? throw new ArgumentNullException(nameof(faces));
        if (recordedFactors is not null && !judge.ReadsFactors)
            throw new ArgumentException("recorded factors are scored with a judge that learnt them", nameof(recordedFactors));
        if (recordedFactors is not null && headPose is not null)
            throw new ArgumentException("score kept factors against the recorded ones or Hopenet's reading of the inputs, not both");
        this.recordedFactors = recordedFactors;
        this.headPose = headPose;
        this.inception = inception;
        using var scope = torch.NewDisposeScope();
        var (_, _, features) = ReadWithJudge(faces.Images);
        realJudge = PerDomain(features, faces.Classes);
        realInception = inception is null ? [null, null] : PerDomain(InceptionFeatures(faces.Images), faces.Classes);
        inputPoses = headPose is null || recordedFactors is not null ? null : YawRoll(faces.Images).DetachFromDisposeScope();
    }

    /// <summary>What the kept factors are scored against, for the report's notes.</summary>
    public string Truth =>
        recordedFactors is not null ? "the factors each input was drawn with (read on translations by the judge)"
        : headPose is not null ? $"Hopenet's yaw and roll of each input ({headPose.Path})"
        : "none (no factors recorded and no Hopenet)";

    /// <summary>Every translation metric of <paramref name="translations"/> [N, 3, S, S], the i-th the i-th face in the other domain.</summary>
    public Dictionary<string, double?> Score(Tensor translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        if (translations.size(0) != faces.Count)
            throw new ArgumentException($"{translations.size(0)} translations for {faces.Count} faces");
        using var scope = torch.NewDisposeScope();
        var targets = Scalars.Of(1) - faces.Classes;
        var (male, factors, features) = ReadWithJudge(translations);
        var scores = new Dictionary<string, double?>
        {
            [FaceTranslationMetrics.TargetRate] = FaceTranslationMetrics.TargetDomainRate(male, targets),
            [FaceTranslationMetrics.Fid] = DomainFid(features, targets, realJudge),
        };
        if (inception is not null)
            scores[FaceTranslationMetrics.FidInception] = DomainFid(InceptionFeatures(translations), targets, realInception);
        var kept =
            recordedFactors is not null ? FaceTranslationMetrics.FactorErrors(factors, recordedFactors)
            : inputPoses is not null ? FaceTranslationMetrics.PoseErrors(YawRoll(translations), inputPoses)
            : new Dictionary<string, double>();
        foreach (var (key, value) in kept)
            scores[key] = value;
        return scores;
    }

    /// <summary>The kept-factor errors of a translation that keeps nothing (each factor guessed as its median); empty without a truth.</summary>
    public Dictionary<string, double?> NothingKept()
    {
        var errors =
            recordedFactors is not null ? FaceTranslationMetrics.ConstantGuessErrors(recordedFactors)
            : inputPoses is not null ? FaceTranslationMetrics.ConstantGuessPoseErrors(inputPoses)
            : new Dictionary<string, double>();
        return errors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value);
    }

    // The judge's reading in chunks, concatenated; the caller's dispose scope frees them.
    private (Tensor male, Tensor factors, Tensor features) ReadWithJudge(Tensor images)
    {
        var parts = Chunks(images).Select(judge.Read).ToList();
        return (
            torch.cat(parts.Select(p => p.male).ToList(), 0),
            torch.cat(parts.Select(p => p.factors).ToList(), 0),
            torch.cat(parts.Select(p => p.features).ToList(), 0)
        );
    }

    // Hopenet's (yaw, roll) [N, 2] in degrees, from its (yaw, pitch, roll).
    private Tensor YawRoll(Tensor images) =>
        torch.cat(Chunks(images).Select(c => headPose!.Read(c).index_select(1, torch.tensor(new long[] { 0, 2 }))).ToList(), 0);

    private Tensor InceptionFeatures(Tensor images)
    {
        using var extracted = inception!.ExtractAsSaved(images, kinds: FeatureKinds.Features);
        return extracted.RequireFeatures(inception.Evaluator.Name).clone();
    }

    private static IEnumerable<Tensor> Chunks(Tensor images)
    {
        for (long start = 0; start < images.size(0); start += Chunk)
            yield return images.narrow(0, start, Math.Min(Chunk, images.size(0) - start));
    }

    // Statistics of each domain's rows, kept past the constructor's scope.
    private static FeatureStatistics?[] PerDomain(Tensor features, Tensor classes) =>
        [
            .. Domains.Select(domain =>
            {
                var statistics = Statistics(features, classes.eq(Scalars.Of(domain)));
                statistics?.Mean.DetachFromDisposeScope();
                statistics?.Covariance.DetachFromDisposeScope();
                return statistics;
            }),
        ];

    // The mean over both domains of FID(translations into it, real faces of it); null when a domain has too few faces.
    private static double? DomainFid(Tensor translatedFeatures, Tensor targets, FeatureStatistics?[] real)
    {
        var distances = new List<double>();
        foreach (var domain in Domains)
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
        inputPoses?.Dispose();
        foreach (var statistics in realJudge.Concat(realInception))
            statistics?.Dispose();
    }
}
