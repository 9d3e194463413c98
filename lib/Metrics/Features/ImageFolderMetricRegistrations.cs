using System.Text.Json.Nodes;
using Dino.Repro.Metrics.Image;
using Dino.Repro.Torch;

namespace Dino.Repro.Metrics.Features;

/// <summary>
/// CLI entries that score image folders through the shared feature path (fid-images, kid-images, is-images)
/// and image pairs through a LPIPS evaluator (lpips). Options (--set key=value): evaluators-dir (default
/// &lt;data root&gt;/evaluators), evaluator=FILE (a kit-format TorchScript evaluator instead of NVIDIA's
/// Inception) with evaluator-size=SIDE, batch (64), cache-dir (&lt;data root&gt;/cache/metrics; "none" disables).
/// </summary>
internal static class ImageFolderMetricRegistrations
{
    private const string Options = "; --set evaluators-dir=DIR | evaluator=FILE [evaluator-size=N], batch=64, cache-dir=DIR|none";

    public static void Register()
    {
        MetricRegistry.Register(new("fid-images", "FID of two image folders through the Inception evaluator (reference statistics cached)",
            "--ref-dir and --deg-dir: folders of images (PNG/JPEG)" + Options, Fid, folders: true));
        MetricRegistry.Register(new("kid-images", "KID of two image folders through the Inception evaluator (--set subsets, subset-size)",
            "--ref-dir and --deg-dir: folders of images (PNG/JPEG)" + Options, Kid, folders: true));
        MetricRegistry.Register(new("is-images", "inception score of an image folder (--splits, default 10)",
            "--deg-dir: a folder of images (PNG/JPEG)" + Options, Is, folders: true));
        MetricRegistry.Register(new("lpips", "LPIPS distance of two images through the TorchScript lpips-alex.pt (--set evaluator=FILE)",
            "--ref and --deg: images (PNG/JPEG) of the same size; --ref-dir/--deg-dir: paired folders", LpipsPair));
        Semantic.SegmenterMetricRegistrations.Register();
    }

    private static string Folder(string? path, string flag, string metric) =>
        path ?? throw new ArgumentException($"this metric needs {flag} FOLDER ({metric})");

    private static FeatureExtractor LoadExtractor(MetricRequest request)
    {
        var evaluator = request.Option("evaluator") is { } file
            ? Evaluator.FromFile(file, request.Option("evaluator-size") is null ? null : request.IntOption("evaluator-size", 0))
            : Evaluators.Inception;
        return FeatureExtractor.Load(evaluator, request.Option("evaluators-dir"));
    }

    private static FeatureCache? Cache(MetricRequest request) => request.Option("cache-dir") switch
    {
        "none" => null,
        { } dir => new FeatureCache(dir),
        null => new FeatureCache(FeatureCache.DefaultFolder()),
    };

    private static JsonObject Result(string metric, double value, MetricRequest request, FeatureExtractor extractor) => new()
    {
        ["metric"] = metric,
        ["value"] = JsonValue.Create(value),
        ["ref_dir"] = request.reference,
        ["deg_dir"] = request.degraded,
        ["evaluator"] = extractor.path,
    };

    private static JsonObject Fid(MetricRequest request)
    {
        var (refDir, degDir) = (Folder(request.reference, "--ref-dir", "fid-images"), Folder(request.degraded, "--deg-dir", "fid-images"));
        using var scope = torch.NewDisposeScope();
        using var extractor = LoadExtractor(request);
        var batch = request.IntOption("batch", 64);
        // Only the reference set is cached, as stylegan2-ada caches the dataset's statistics, not the generator's.
        using var real = FolderFeatures.Statistics(refDir, extractor, Cache(request), batch);
        using var fake = FolderFeatures.Statistics(degDir, extractor, null, batch);
        return Result("fid-images", FrechetDistance.Compute(real, fake), request, extractor);
    }

    private static JsonObject Kid(MetricRequest request)
    {
        var (refDir, degDir) = (Folder(request.reference, "--ref-dir", "kid-images"), Folder(request.degraded, "--deg-dir", "kid-images"));
        using var scope = torch.NewDisposeScope();
        using var extractor = LoadExtractor(request);
        var batch = request.IntOption("batch", 64);
        var value = KernelInceptionDistance.Compute(FolderFeatures.Features(refDir, extractor, Cache(request), batch),
            FolderFeatures.Features(degDir, extractor, null, batch), request.IntOption("subsets", 100), request.IntOption("subset-size", 1000));
        return Result("kid-images", value, request, extractor);
    }

    private static JsonObject Is(MetricRequest request)
    {
        var degDir = Folder(request.degraded, "--deg-dir", "is-images");
        using var scope = torch.NewDisposeScope();
        using var extractor = LoadExtractor(request);
        var score = InceptionScore.Compute(FolderFeatures.Probabilities(degDir, extractor, null, request.IntOption("batch", 64)),
            request.IntOption("splits", 10));
        var result = Result("is-images", score.mean, request, extractor);
        result["std"] = score.std;
        return result;
    }

    /// <summary>LPIPS-AlexNet from evaluators-dir, or the file given with --set evaluator (also the video metrics' LPIPS).</summary>
    internal static Lpips LoadLpips(MetricRequest request)
    {
        var evaluator = request.Option("evaluator") is { } file
            ? new Evaluator("LPIPS", Path.GetFullPath(file), null, EvaluatorOutputs.Distance, "the file given with --set evaluator")
            : Evaluators.LpipsAlex;
        return Lpips.Load(evaluator, request.Option("evaluators-dir"));
    }

    private static JsonObject LpipsPair(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        using var lpips = LoadLpips(request);
        var value = lpips.Distance(Vision.ImageTensor.Load(request.Reference), Vision.ImageTensor.Load(request.Degraded));
        return new JsonObject
        {
            ["metric"] = "lpips",
            ["value"] = JsonValue.Create(value),
            ["ref"] = request.reference,
            ["deg"] = request.degraded,
        };
    }
}
