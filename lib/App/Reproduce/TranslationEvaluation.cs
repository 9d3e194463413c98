using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Evaluation.FaceTranslation;
using Dino.Repro.Evaluation.Metrics.Face;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.IO;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Models.FaceAttributes;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// What acgan-translation scores with, by corpus. The embedded two-domain faces: every test face with the factors it was
/// drawn with and its real pair, a judge trained on the recorded factors. A real corpus (CelebA at paper): the first
/// <see cref="RealTestFacesPerDomain"/> test faces of each domain, a judge of the Male label trained on real faces, and
/// Hopenet's reading of each input as the pose its translation should keep (where its file is present). Inception's FID
/// wherever its file is present.
/// </summary>
public sealed class TranslationEvaluation : IDisposable
{
    /// <summary>Test faces per domain on a real corpus: 10,000 in all, the usual FID sample.</summary>
    public const int RealTestFacesPerDomain = 5000;

    /// <summary>Train faces per domain the judge learns the Male label from on a real corpus (in memory at once).</summary>
    public const int JudgeFacesPerDomain = 10_000;

    private readonly LabelledFaces? labelled;
    private readonly HeadPoseEstimator? headPose;
    private readonly FeatureExtractor? inception;

    private TranslationEvaluation(
        GenderFaces test,
        LabelledFaces? labelled,
        FaceJudge judge,
        HeadPoseEstimator? headPose,
        FeatureExtractor? inception,
        string inceptionState
    )
    {
        Test = test;
        this.labelled = labelled;
        Judge = judge;
        this.headPose = headPose;
        this.inception = inception;
        Inception = inceptionState;
        Scorer = new FaceTranslationScorer(judge, test, labelled?.Factors, headPose, inception);
    }

    public GenderFaces Test { get; }
    public FaceJudge Judge { get; }
    public FaceTranslationScorer Scorer { get; }

    /// <summary>The Inception file FID (Inception) comes from, or "missing: " and how to get it.</summary>
    public string Inception { get; }

    /// <summary>Each test face drawn in the other domain (the embedded corpus alone can), or null.</summary>
    public Tensor? OtherDomainTruth() => labelled?.OtherDomainTruth();

    public static TranslationEvaluation Open(CelebAGenderCorpus corpus, AcGanOptions options, Preset preset, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var device = options.Device.ToTorch();
        var steps = FaceJudgeOptions.DefaultSteps(preset);
        var disposables = new List<IDisposable>();
        try
        {
            var inception = Keep(FeatureExtractor.TryLoad(Evaluators.Inception, out var inceptionMissing, device: device), disposables);
            var inceptionState = inception?.Path ?? $"missing: {inceptionMissing}";
            if (options.Corpus == TwoDomainFacesCorpus.Name)
            {
                var labelled = Keep(LabelledFaces.Load(corpus, CelebAGenderSplit.Test, options.Resolution), disposables);
                var judge = Keep(
                    FaceJudge.LoadOrTrain(
                        corpus.Root,
                        () => LabelledFaces.Load(corpus, CelebAGenderSplit.Train, options.Resolution),
                        new FaceJudgeOptions(options.Resolution, steps),
                        progress.Message
                    ),
                    disposables
                );
                return new TranslationEvaluation(labelled.Split, labelled, judge, headPose: null, inception, inceptionState);
            }
            var test = Keep(GenderFaces.Load(corpus, CelebAGenderSplit.Test, options.Resolution, RealTestFacesPerDomain), disposables);
            var realJudge = Keep(
                FaceJudge.LoadOrTrain(
                    corpus.Root,
                    () => GenderFaces.Load(corpus, CelebAGenderSplit.Train, options.Resolution, JudgeFacesPerDomain),
                    new FaceJudgeOptions(options.Resolution, steps, ReadsFactors: false),
                    progress.Message
                ),
                disposables
            );
            var poseMissing = HeadPoseEstimator.Hopenet.Missing();
            if (poseMissing is not null)
                progress.Message($"acgan-translation: no yaw and roll errors on {options.Corpus}: {poseMissing}");
            var headPose = poseMissing is null ? Keep(HeadPoseEstimator.Load(device: device), disposables) : null;
            return new TranslationEvaluation(test, labelled: null, realJudge, headPose, inception, inceptionState);
        }
        catch
        {
            foreach (var item in disposables)
                item.Dispose();
            throw;
        }
    }

    private static T Keep<T>(T item, List<IDisposable> disposables)
        where T : IDisposable?
    {
        if (item is not null)
            disposables.Add(item);
        return item;
    }

    public void Dispose()
    {
        Scorer.Dispose();
        Judge.Dispose();
        headPose?.Dispose();
        inception?.Dispose();
        if (labelled is not null)
            labelled.Dispose();
        else
            Test.Dispose();
    }
}
