using Dino.Repro.IO;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// Evaluator outputs of image folders cached on disk as safetensors, keyed by <see cref="DatasetFingerprint"/>
/// (stylegan2-ada caches the real dataset's statistics the same way, so repeated evaluations skip the
/// network). Files are written atomically: a killed run leaves no half-written cache behind.
/// </summary>
public sealed class FeatureCache(string folder)
{
    /// <summary>&lt;data root&gt;/cache/metrics.</summary>
    public static string DefaultFolder() => Path.Combine(KitPaths.DataRoot(), "cache", "metrics");

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The cache file for a folder's images under an extractor and a kind of result ("stats", "features", "probs").</summary>
    public string PathFor(IReadOnlyList<string> files, FeatureExtractor extractor, string kind, string options = "") =>
        Path.Combine(
            folder,
            $"{kind}-{DatasetFingerprint.Of(files, extractor.Path, $"{kind};{extractor.Evaluator.InputSize};{options}")}.safetensors"
        );

    /// <summary>The cached tensors at <paramref name="path"/>, or those <paramref name="compute"/> makes (then written).</summary>
    public OrderedDictionary<string, Tensor> GetOrCompute(string path, Func<IReadOnlyDictionary<string, Tensor>> compute)
    {
        if (File.Exists(path))
            return SafeTensors.Load(path);
        var tensors = compute();
        SafeTensors.Save(tensors, path, new Dictionary<string, string> { ["written_by"] = "Dino.Repro.Evaluation.Metrics.Features.FeatureCache" });
        return new OrderedDictionary<string, Tensor>(tensors);
    }
}
