using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.IO;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// What FID, KID and IS take from an image folder, through one <see cref="FeatureExtractor"/> and, when a
/// <see cref="FeatureCache"/> is given, read from / written to the cache instead of rerunning the network.
/// </summary>
public static class FolderFeatures
{
    /// <summary>Mean and covariance of the folder's features (FID).</summary>
    public static FeatureStatistics Statistics(string folder, FeatureExtractor extractor, FeatureCache? cache = null, int batchSize = 64)
    {
        var tensors = Cached(folder, extractor, cache, "stats", batchSize, FeatureKinds.Features, extracted =>
        {
            using var stats = FeatureStatistics.From(extracted.RequireFeatures(extractor.Evaluator.Name));
            return new Dictionary<string, Tensor>
            {
                ["mean"] = stats.Mean.clone(),
                ["covariance"] = stats.Covariance.clone(),
                ["count"] = torch.tensor(new[] { stats.Count }),
            };
        });
        return new FeatureStatistics(tensors["mean"], tensors["covariance"], tensors["count"].ToInt64());
    }

    /// <summary>Every image's features [N,D] (KID needs them all, not only the moments).</summary>
    public static Tensor Features(string folder, FeatureExtractor extractor, FeatureCache? cache = null, int batchSize = 64) =>
        Cached(folder, extractor, cache, "features", batchSize, FeatureKinds.Features, extracted => new Dictionary<string, Tensor>
        {
            ["features"] = extracted.RequireFeatures(extractor.Evaluator.Name).clone(),
        })["features"];

    /// <summary>Every image's class probabilities [N,K] (IS).</summary>
    public static Tensor Probabilities(string folder, FeatureExtractor extractor, FeatureCache? cache = null, int batchSize = 64) =>
        Cached(folder, extractor, cache, "probs", batchSize, FeatureKinds.Probabilities, extracted => new Dictionary<string, Tensor>
        {
            ["probabilities"] = extracted.RequireProbabilities(extractor.Evaluator.Name).clone(),
        })["probabilities"];

    private static IReadOnlyDictionary<string, Tensor> Cached(
        string folder,
        FeatureExtractor extractor,
        FeatureCache? cache,
        string kind,
        int batchSize,
        FeatureKinds kinds,
        Func<ExtractedFeatures, IReadOnlyDictionary<string, Tensor>> reduce
    )
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var files = ImageFolder.Files(folder);
        IReadOnlyDictionary<string, Tensor> Compute()
        {
            using var extracted = extractor.Extract(files, batchSize, kinds);
            return reduce(extracted);
        }
        return cache is null ? Compute() : cache.GetOrCompute(cache.PathFor(files, extractor, kind), Compute);
    }
}
