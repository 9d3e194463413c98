using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Video;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>
/// CLI entries for videos. video-ssim, video-psnr, video-lpips and fvd score one pair of videos (--ref, --deg);
/// with --ref-dir/--deg-dir the CLI pairs same-named videos and reports the mean over pairs, which is the mean
/// over clips of per-clip means. fvd-videos pools the clips of every video in each folder into one FVD.
/// Options (--set key=value): evaluators-dir, evaluator=FILE (an LPIPS or I3D TorchScript file), clip-frames (16),
/// batch (8 clips for FVD, 16 frames for LPIPS), net=alex|vgg (LPIPS), device=cpu|cuda[:N] (FVD's I3D).
/// </summary>
internal static class VideoMetricRegistrations
{
    private const string PairInputs = "--ref and --deg: videos of equal frame count and size; --ref-dir/--deg-dir: same-named videos";

    public static void Register(Action<MetricDescriptor> register)
    {
        register(
            new("video-ssim", "SSIM per frame (11×11 Gaussian σ 1.5), mean over the clip", PairInputs, request =>
                PerFrame(request, "video-ssim", PerFrameVideoMetric.Ssim)
            )
        );
        register(
            new("video-psnr", "PSNR per frame in dB (range 255), mean over the clip (identical: ∞)", PairInputs, request =>
                PerFrame(request, "video-psnr", PerFrameVideoMetric.Psnr)
            )
        );
        register(
            new(
                "video-lpips",
                "LPIPS per frame (AlexNet or, with --set net=vgg, VGG16), mean over the clip",
                PairInputs + "; " + ImageFolderMetricRegistrations.LpipsOptions + ", batch=16",
                VideoLpips
            )
        );
        register(
            new(
                "fvd",
                "FVD between the clips of two videos (I3D, i3d_torchscript.pt; --set clip-frames=16)",
                "--ref and --deg: videos, each cut into clips of clip-frames frames (at least 2 clips each); --set evaluator=FILE, batch=8, "
                    + "device=cpu|cuda[:N]",
                FvdPair
            )
        );
        register(
            new(
                "fvd-videos",
                "FVD between all clips of the videos in two folders (I3D, i3d_torchscript.pt)",
                "--ref-dir and --deg-dir: folders of videos; --set clip-frames=16, evaluator=FILE, batch=8, device=cpu|cuda[:N]",
                FvdFolders,
                Folders: true
            )
        );
    }

    private static JsonObject PerFrame(MetricRequest request, string name, Func<Tensor, Tensor, ClipScore> metric)
    {
        using var scope = torch.NewDisposeScope();
        var (reference, degraded) = VideoPair.Read(request.Reference, request.Degraded);
        return ClipResult(name, metric(reference, degraded), request);
    }

    private static JsonObject VideoLpips(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        using var lpips = ImageFolderMetricRegistrations.LoadLpips(request);
        var (reference, degraded) = VideoPair.Read(request.Reference, request.Degraded);
        return ClipResult("video-lpips", PerFrameVideoMetric.Lpips(lpips, reference, degraded, request.IntOption("batch", 16)), request);
    }

    private static JsonObject ClipResult(string name, ClipScore score, MetricRequest request) =>
        new()
        {
            ["metric"] = name,
            ["value"] = JsonValue.Create(score.Mean),
            ["frames"] = score.PerFrame.Length,
            ["ref"] = request.ReferencePath,
            ["deg"] = request.DegradedPath,
        };

    private static FeatureExtractor LoadI3d(MetricRequest request)
    {
        var evaluator = request.Option("evaluator") is { } file ? Evaluators.I3d.WithFile(file) : Evaluators.I3d;
        return FeatureExtractor.Load(evaluator, request.Option("evaluators-dir"), request.DeviceOption());
    }

    private static JsonObject FvdPair(MetricRequest request) => Fvd(request, "fvd", [request.Reference], [request.Degraded], "ref", "deg");

    private static JsonObject FvdFolders(MetricRequest request)
    {
        var refDir = request.ReferencePath ?? throw new MetricUsageException("this metric needs --ref-dir FOLDER (fvd-videos)");
        var degDir = request.DegradedPath ?? throw new MetricUsageException("this metric needs --deg-dir FOLDER (fvd-videos)");
        return Fvd(request, "fvd-videos", VideoFolder.Files(refDir), VideoFolder.Files(degDir), "ref_dir", "deg_dir");
    }

    private static JsonObject Fvd(
        MetricRequest request,
        string name,
        IReadOnlyList<string> real,
        IReadOnlyList<string> generated,
        string refKey,
        string degKey
    )
    {
        using var scope = torch.NewDisposeScope();
        using var i3d = LoadI3d(request);
        var clipFrames = request.IntOption("clip-frames", FrechetVideoDistance.DefaultClipFrames);
        var realClips = FrechetVideoDistance.ClipsOf(real, clipFrames);
        var generatedClips = FrechetVideoDistance.ClipsOf(generated, clipFrames);
        var value = FrechetVideoDistance.Compute(i3d, realClips, generatedClips, request.IntOption("batch", 8));
        return new JsonObject
        {
            ["metric"] = name,
            ["value"] = JsonValue.Create(value),
            ["ref_clips"] = realClips.Count,
            ["deg_clips"] = generatedClips.Count,
            ["clip_frames"] = clipFrames,
            [refKey] = request.ReferencePath,
            [degKey] = request.DegradedPath,
            ["evaluator"] = i3d.Path,
        };
    }
}
