using Dino.Repro.IO;
using Dino.Repro.Models.Common;

namespace Dino.Repro.Models.FaceAttributes;

/// <summary>How the identity judge is trained; every field is part of its cache key.</summary>
/// <param name="Resolution">Side of the faces it judges.</param>
/// <param name="Steps">Adam steps on the real faces it is given.</param>
/// <param name="BatchSize">Faces per step.</param>
/// <param name="Seed">Seeds its initialisation and batch order.</param>
public sealed record IdentityJudgeOptions(int Resolution, int Steps = 1500, int BatchSize = 32, long Seed = 17)
{
    /// <summary>Training steps per preset: smoke trains briefly (seconds); otherwise enough to tell the speakers apart.</summary>
    public static int DefaultSteps(Preset preset) => preset == Preset.Smoke ? 60 : 1500;
}

/// <summary>
/// Real faces to train the identity judge on: faces [N, 3, S, S] in [−1, 1], speaker labels int64 [N] below
/// <see cref="Identities"/>, and per speaker the hair length the corpus records (voice-faces ties it to the voice), or
/// null where the corpus records none (the real YouTubers).
/// </summary>
public sealed record JudgedFaces(Tensor Faces, Tensor Labels, int Identities, IReadOnlyList<double>? HairLengthByLabel) : IDisposable
{
    public void Dispose()
    {
        Faces.Dispose();
        Labels.Dispose();
    }
}

/// <summary>
/// The stand-in for the networks Wav2Pix's faces are judged by — Inception for the Inception Score and FID, the ICASSP
/// paper's fine-tuned VGG identity classifier — a <see cref="FaceAttributeNet"/> trained on real frames against each
/// frame's speaker and, where the corpus records it, the speaker's hair length. On a generated face it reads whose face it
/// looks like, how long its hair is, and features for a Fréchet distance.
/// </summary>
public sealed class IdentityJudge : IDisposable
{
    public const int Version = 1; // bump when the network or its training changes: old cache files are then ignored

    private readonly FaceAttributeNet network;

    private IdentityJudge(FaceAttributeNet network, IdentityJudgeOptions options, int identities, string cacheFile, bool fromCache)
    {
        this.network = network;
        Options = options;
        Identities = identities;
        CacheFile = cacheFile;
        FromCache = fromCache;
    }

    public IdentityJudgeOptions Options { get; }
    public int Identities { get; }
    public string CacheFile { get; }
    public bool FromCache { get; }

    public string Description =>
        $"an identity judge the kit trained on the corpus' real faces ({Identities} speakers, {Options.Steps} steps at "
        + $"{Options.Resolution}², {CacheFile})";

    /// <summary>The judge's file in <paramref name="folder"/> (the extracted pairs' cache), keyed by what it was trained on.</summary>
    public static string CachePathFor(string folder, string trainedOn, IdentityJudgeOptions o) =>
        Path.Combine(folder, $"identity-judge-v{Version}-{trainedOn}-r{o.Resolution}-s{o.Steps}-b{o.BatchSize}-seed{o.Seed}.safetensors");

    /// <summary>
    /// The judge cached at <paramref name="path"/>, or one trained on <paramref name="train"/> for <paramref name="identities"/>
    /// speakers and cached there first.
    /// </summary>
    public static IdentityJudge LoadOrTrain(
        string path,
        int identities,
        Func<JudgedFaces> train,
        IdentityJudgeOptions options,
        Action<string>? log = null
    )
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(identities, 2);
        var (network, fromCache) = CachedNetwork.LoadOrTrain(
            path,
            () => SeededDefaultGenerator.Run(options.Seed, () => new FaceAttributeNet(identities, 1)),
            untrained =>
            {
                log?.Invoke($"training the identity judge ({options.Steps} steps at {options.Resolution}², cached as {path})");
                using var faces = train();
                Fit(untrained, faces, identities, options);
            }
        );
        return new IdentityJudge(network, options, identities, path, fromCache);
    }

    /// <summary>
    /// What the judge reads in faces [N, 3, S, S] in [−1, 1]: each speaker's probability [N, identities], the hair length
    /// [N] (meaningless where the corpus recorded none) and the features [N, 128].
    /// </summary>
    public (Tensor identity, Tensor hairLength, Tensor features) Read(Tensor faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var features = network.Features(faces);
        var (logits, hair) = network.call(faces);
        return (logits.softmax(1).MoveToOuterDisposeScope(), hair.squeeze(1).MoveToOuterDisposeScope(), features.MoveToOuterDisposeScope());
    }

    private static void Fit(FaceAttributeNet network, JudgedFaces faces, int identities, IdentityJudgeOptions options)
    {
        if (faces.Faces.size(2) != options.Resolution || faces.Faces.size(3) != options.Resolution)
            throw new ArgumentException($"the judge trains at {options.Resolution}², the faces are {faces.Faces.size(3)}×{faces.Faces.size(2)}");
        if (faces.Identities != identities)
            throw new ArgumentException($"the judge tells {identities} speakers apart, the faces are of {faces.Identities}");
        // Without recorded hair the regression head learns a constant 0, which costs the identity head nothing.
        var byLabel = faces.HairLengthByLabel ?? new double[identities];
        if (byLabel.Count != identities)
            throw new ArgumentException($"{byLabel.Count} hair lengths for {identities} speakers");
        using var table = torch.tensor(byLabel.Select(h => (float)h).ToArray());
        using var hair = table.index_select(0, faces.Labels).unsqueeze(1);
        network.Fit(faces.Faces, faces.Labels, hair, options.Steps, options.BatchSize, options.Seed + 1);
    }

    public void Dispose() => network.Dispose();
}
