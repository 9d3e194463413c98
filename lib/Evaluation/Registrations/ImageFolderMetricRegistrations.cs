using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>
/// CLI entries that score image folders through the shared feature path (fid-images, kid-images, is-images)
/// and image pairs through a LPIPS evaluator (lpips). Options (--set key=value): evaluators-dir (default
/// &lt;data root&gt;/evaluators), evaluator=FILE (a kit-format TorchScript evaluator instead of NVIDIA's
/// Inception) with evaluator-size=SIDE, batch (64), cache-dir (&lt;data root&gt;/cache/metrics; "none" disables);
/// for lpips, net=alex|vgg (default alex), evaluator=FILE then being a file of that net's interface.
/// </summary>
internal static class ImageFolderMetricRegistrations
{
    private const string Options =
        "; --set evaluators-dir=DIR | evaluator=FILE [evaluator-size=N], batch=64, cache-dir=DIR|none, device=cpu|cuda[:N]";

    /// <summary>The LPIPS options, shared with video-lpips.</summary>
    internal const string LpipsOptions = "--set net=alex|vgg (default alex), evaluators-dir=DIR | evaluator=FILE (of that net's interface)";

    public static void Register(Action<MetricDescriptor> register)
    {
        register(
            new(
                "fid-images",
                "FID of two image folders through the Inception evaluator (reference statistics cached)",
                "--ref-dir and --deg-dir: folders of images (PNG/JPEG)" + Options,
                Fid,
                Folders: true
            )
        );
        register(
            new(
                "kid-images",
                "KID of two image folders through the Inception evaluator (--set subsets, subset-size)",
                "--ref-dir and --deg-dir: folders of images (PNG/JPEG)" + Options,
                Kid,
                Folders: true
            )
        );
        register(
            new(
                "is-images",
                "inception score of an image folder (--splits, default 10)",
                "--deg-dir: a folder of images (PNG/JPEG)" + Options,
                Is,
                Folders: true
            )
        );
        register(
            new(
                "lpips",
                "LPIPS distance of two images: AlexNet (lpips-alex.pt) or VGG16 (NVIDIA's vgg16.pt) with --set net=alex|vgg",
                "--ref and --deg: images (PNG/JPEG) of the same size; --ref-dir/--deg-dir: paired folders; " + LpipsOptions,
                LpipsPair
            )
        );
        SegmenterMetricRegistrations.Register(register);
    }

    private static string Folder(string? path, string flag, string metric) =>
        path ?? throw new MetricUsageException($"this metric needs {flag} FOLDER ({metric})");

    private static FeatureExtractor LoadExtractor(MetricRequest request)
    {
        var evaluator = request.Option("evaluator") is { } file
            ? Evaluator.FromFile(file, request.Option("evaluator-size") is null ? null : request.IntOption("evaluator-size", 0))
            : Evaluators.Inception;
        return FeatureExtractor.Load(evaluator, request.Option("evaluators-dir"), request.DeviceOption());
    }

    private static FeatureCache? Cache(MetricRequest request) =>
        request.Option("cache-dir") switch
        {
            "none" => null,
            { } dir => new FeatureCache(dir),
            null => new FeatureCache(FeatureCache.DefaultFolder()),
        };

    private static JsonObject Result(string metric, double value, MetricRequest request, FeatureExtractor extractor) =>
        new()
        {
            ["metric"] = metric,
            ["value"] = JsonValue.Create(value),
            ["ref_dir"] = request.ReferencePath,
            ["deg_dir"] = request.DegradedPath,
            ["evaluator"] = extractor.Path,
        };

    private static JsonObject Fid(MetricRequest request)
    {
        var (refDir, degDir) = (Folder(request.ReferencePath, "--ref-dir", "fid-images"), Folder(request.DegradedPath, "--deg-dir", "fid-images"));
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
        var (refDir, degDir) = (Folder(request.ReferencePath, "--ref-dir", "kid-images"), Folder(request.DegradedPath, "--deg-dir", "kid-images"));
        using var scope = torch.NewDisposeScope();
        using var extractor = LoadExtractor(request);
        var batch = request.IntOption("batch", 64);
        var value = KernelInceptionDistance.Compute(
            FolderFeatures.Features(refDir, extractor, Cache(request), batch),
            FolderFeatures.Features(degDir, extractor, null, batch),
            request.IntOption("subsets", 100),
            request.IntOption("subset-size", 1000)
        );
        return Result("kid-images", value, request, extractor);
    }

    private static JsonObject Is(MetricRequest request)
    {
        var degDir = Folder(request.DegradedPath, "--deg-dir", "is-images");
        using var scope = torch.NewDisposeScope();
        using var extractor = LoadExtractor(request);
        var score = InceptionScore.Compute(
            FolderFeatures.Probabilities(degDir, extractor, null, request.IntOption("batch", 64)),
            request.IntOption("splits", 10)
        );
        var result = Result("is-images", score.Mean, request, extractor);
        result["std"] = score.Std;
        return result;
    }

    /// <summary>
    /// LPIPS with the net of --set net (alex, the default, or vgg) from evaluators-dir, or the file given with
    /// --set evaluator read with that net's interface (also the video metrics' LPIPS).
    /// </summary>
    internal static Lpips LoadLpips(MetricRequest request)
    {
        var net = request.Option("net") switch
        {
            null or "alex" => Evaluators.LpipsAlex,
            "vgg" => Evaluators.LpipsVgg,
            var other => throw new MetricUsageException($"LPIPS: --set net must be alex or vgg, got '{other}'"),
        };
        var evaluator = request.Option("evaluator") is { } file ? net.WithFile(file) : net;
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
            ["ref"] = request.ReferencePath,
            ["deg"] = request.DegradedPath,
        };
    }
}
