using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.FaceAttributes;

/// <summary>How the face judge is trained; every field is part of its cache key.</summary>
/// <param name="Resolution">Side of the faces it judges (the translator's resolution).</param>
/// <param name="Steps">Adam steps on the real faces of the train split.</param>
/// <param name="BatchSize">Faces per step.</param>
/// <param name="Seed">Seeds its initialisation and batch order.</param>
/// <param name="ReadsFactors">
/// Whether it learns the factors too (a corpus that records them); without, only the domain (a real corpus' Male label).
/// </param>
public sealed record FaceJudgeOptions(int Resolution, int Steps = 1500, int BatchSize = 32, long Seed = 13, bool ReadsFactors = true)
{
    /// <summary>Training steps per preset: smoke trains briefly (seconds); otherwise enough to read the real test faces well.</summary>
    public static int DefaultSteps(Preset preset) => preset == Preset.Smoke ? 60 : 1500;
}

/// <summary>
/// The stand-in for the pretrained networks a translation would be judged by (a gender classifier, a head-pose and gaze
/// estimator, Inception for FID): a <see cref="FaceAttributeNet"/> trained on the real train-split faces of the two-domain
/// corpus against their recorded domain and factors, so on a translation it reads which domain it looks like, the pose,
/// mouth and gaze it shows, and features for a Fréchet distance. On a real corpus (CelebA) it learns the domain alone.
/// Cached beside the corpus like the Shapes segmenter.
/// </summary>
public sealed class FaceJudge : IDisposable
{
    // Bump when the network or its training changes: old cache files are then ignored. v2: the class head's keys are
    // "classes.*" (they were "domain.*"); the weights a seed trains are the same.
    public const int Version = 2;

    // The factors' spreads (yaw ±25°, roll ±12°, mouth 0…1, gaze ±1) mapped to about ±1 for the regression head.
    private static readonly float[] Scale = [25f, 12f, 0.5f, 1f, 1f];
    private static readonly float[] Offset = [0f, 0f, 0.5f, 0f, 0f];

    private readonly FaceAttributeNet network;

    private FaceJudge(FaceAttributeNet network, FaceJudgeOptions options, string cacheFile, bool fromCache)
    {
        this.network = network;
        Options = options;
        CacheFile = cacheFile;
        FromCache = fromCache;
    }

    public FaceJudgeOptions Options { get; }
    public string CacheFile { get; }
    public bool FromCache { get; }

    /// <summary>Whether <see cref="Read"/>'s factors mean anything: it was trained on recorded factors.</summary>
    public bool ReadsFactors => Options.ReadsFactors;

    public string Description =>
        $"a face judge the kit trained on the corpus' real train faces and their "
        + (ReadsFactors ? "recorded factors" : "domain labels")
        + $" ({Options.Steps} steps at {Options.Resolution}², {CacheFile})";

    /// <summary>
    /// Where the judge of the corpus in <paramref name="corpusRoot"/> is cached: beside that folder, keyed by its name and the options.
    /// </summary>
    public static string CachePathFor(string corpusRoot, FaceJudgeOptions o) =>
        Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(corpusRoot))!,
            $"face-judge-v{Version}-{Path.GetFileName(Path.GetFullPath(corpusRoot))}-r{o.Resolution}-s{o.Steps}-b{o.BatchSize}-seed{o.Seed}"
                + (o.ReadsFactors ? "" : "-domain")
                + ".safetensors"
        );

    /// <summary>
    /// The cached judge of the corpus in <paramref name="corpusRoot"/> for <paramref name="options"/>, trained on
    /// <paramref name="train"/> (that corpus' train split at the options' resolution, with its factors) and cached first when there is none.
    /// </summary>
    public static FaceJudge LoadOrTrain(string corpusRoot, Func<LabelledFaces> train, FaceJudgeOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ReadsFactors)
            throw new ArgumentException("a judge trained on recorded factors reads them: set ReadsFactors", nameof(options));
        return LoadOrTrain(corpusRoot, options, log, untrained =>
        {
            using var faces = train();
            CheckSize(faces.Size, options);
            using var targets = Normalise(faces.Factors);
            untrained.Fit(faces.Images, faces.Classes, targets, options.Steps, options.BatchSize, options.Seed + 1);
        });
    }

    /// <summary>
    /// The cached judge of a real corpus in <paramref name="corpusRoot"/>, trained on the domains of <paramref name="train"/>
    /// alone (its factor head stays untrained: <see cref="ReadsFactors"/> is false), cached first when there is none.
    /// </summary>
    public static FaceJudge LoadOrTrain(string corpusRoot, Func<GenderFaces> train, FaceJudgeOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReadsFactors)
            throw new ArgumentException("faces without recorded factors train a judge of the domain alone: clear ReadsFactors", nameof(options));
        return LoadOrTrain(corpusRoot, options, log, untrained =>
        {
            using var faces = train();
            CheckSize(faces.Size, options);
            untrained.Fit(faces.Images, faces.Classes, targets: null, options.Steps, options.BatchSize, options.Seed + 1);
        });
    }

    private static FaceJudge LoadOrTrain(string corpusRoot, FaceJudgeOptions options, Action<string>? log, Action<FaceAttributeNet> fit)
    {
        ArgumentException.ThrowIfNullOrEmpty(corpusRoot);
        var path = CachePathFor(corpusRoot, options);
        var (network, fromCache) = CachedNetwork.LoadOrTrain(
            path,
            () => SeededDefaultGenerator.Run(options.Seed, () => new FaceAttributeNet(2, LabelledFaces.FactorNames.Count)),
            untrained =>
            {
                log?.Invoke($"training the face judge ({options.Steps} steps at {options.Resolution}², cached as {path})");
                fit(untrained);
            }
        );
        return new FaceJudge(network, options, path, fromCache);
    }

    /// <summary>
    /// What the judge reads in faces [N, 3, S, S] in [−1, 1]: the probability of the male-like domain [N], the factors [N, 5]
    /// in <see cref="LabelledFaces.FactorNames"/>' units, and the features [N, 128].
    /// </summary>
    public (Tensor male, Tensor factors, Tensor features) Read(Tensor faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var features = network.Features(faces);
        var (logits, normalised) = network.call(faces);
        var male = logits.softmax(1).select(1, 1);
        return (male.MoveToOuterDisposeScope(), Denormalise(normalised).MoveToOuterDisposeScope(), features.MoveToOuterDisposeScope());
    }

    private static Tensor Normalise(Tensor factors) => (factors - torch.tensor(Offset)) / torch.tensor(Scale);

    private static Tensor Denormalise(Tensor normalised) => normalised * torch.tensor(Scale) + torch.tensor(Offset);

    private static void CheckSize(int size, FaceJudgeOptions options)
    {
        if (size != options.Resolution)
            throw new ArgumentException($"the judge trains at {options.Resolution}², the faces are {size}²");
    }

    public void Dispose() => network.Dispose();
}
