using System.Text.Json.Nodes;
using Dino.Repro.Data;
using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>The kit's metrics as the CLI sees them: each reads its files and calls the metric's own file.</summary>
internal static class BuiltInMetrics
{
    public static void RegisterAll()
    {
        MetricRegistry.Register(
            new("wer", "word error rate (S+D+I)/N, summed over paired lines (jiwer)", "--ref and --deg: UTF-8 text, one sentence per line", Wer)
        );
        MetricRegistry.Register(
            new(
                "wer-speech",
                "WER of speech transcribed by a trained GRID recogniser (Table 3)",
                SpeechWerRegistration.Inputs,
                SpeechWerRegistration.Compute
            )
        );
        MetricRegistry.Register(
            new(
                "fid",
                "Fréchet distance between Gaussians fitted to two feature sets",
                "--ref and --deg: feature matrices [samples, dims] as .npy",
                Fid
            )
        );
        MetricRegistry.Register(
            new(
                "kid",
                "kernel inception distance (unbiased MMD², cubic kernel; --subsets, --subset-size)",
                "--ref and --deg: feature matrices [samples, dims] as .npy",
                Kid
            )
        );
        MetricRegistry.Register(
            new("is", "inception score from class probabilities (--splits, default 10)", "--deg: probabilities [samples, classes] as .npy", Is)
        );
        MetricRegistry.Register(
            new(
                "psnr",
                "peak signal-to-noise ratio in dB (--data-range, default 255; --set color=rgb|gray)",
                "--ref and --deg: images (PNG/JPEG) of the same size",
                Psnr
            )
        );
        MetricRegistry.Register(
            new(
                "ssim",
                "structural similarity, 11×11 Gaussian σ 1.5 (--data-range; --set color=rgb|gray)",
                "--ref and --deg: images (PNG/JPEG) of the same size",
                Ssim
            )
        );
        MetricRegistry.Register(
            new(
                "miou",
                "mean IoU, pixel and mean class accuracy (--set classes=19 --set ignore=255)",
                "--ref: ground-truth label map, --deg: predicted label map (single-channel PNGs)",
                Segmentation
            )
        );
        CpbdRegistration.Register(MetricRegistry.Register);
        AudioMetricRegistrations.Register(MetricRegistry.Register);
        ImageFolderMetricRegistrations.Register(MetricRegistry.Register);
        VideoMetricRegistrations.Register(MetricRegistry.Register);
    }

    private static JsonObject Result(string metric, double value, MetricRequest request) =>
        new()
        {
            ["metric"] = metric,
            ["value"] = JsonValue.Create(value),
            ["ref"] = request.ReferencePath,
            ["deg"] = request.DegradedPath,
        };

    private static JsonObject Wer(MetricRequest request)
    {
        var counts = WordErrorRate.Corpus(ReadLines(request.Reference), ReadLines(request.Degraded));
        var result = Result("wer", counts.Wer, request);
        result["substitutions"] = counts.Substitutions;
        result["deletions"] = counts.Deletions;
        result["insertions"] = counts.Insertions;
        result["hits"] = counts.Hits;
        result["reference_words"] = counts.ReferenceWords;
        result["mer"] = counts.Mer;
        result["wil"] = counts.Wil;
        result["wip"] = counts.Wip;
        return result;
    }

    private static JsonObject Fid(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var result = Result("fid", FrechetDistance.Compute(NpyFile.Read(request.Reference), NpyFile.Read(request.Degraded)), request);
        return result;
    }

    private static JsonObject Kid(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var value = KernelInceptionDistance.Compute(
            NpyFile.Read(request.Reference),
            NpyFile.Read(request.Degraded),
            request.IntOption("subsets", 100),
            request.IntOption("subset-size", 1000)
        );
        return Result("kid", value, request);
    }

    private static JsonObject Is(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var score = InceptionScore.Compute(NpyFile.Read(request.Degraded), request.IntOption("splits", 10));
        var result = Result("is", score.Mean, request);
        result["std"] = score.Std;
        result["per_split"] = new JsonArray(score.PerSplit.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        return result;
    }

    private static JsonObject Psnr(MetricRequest request) => ImagePair(request, "psnr", PeakSignalToNoiseRatio.Compute);

    private static JsonObject Ssim(MetricRequest request) => ImagePair(request, "ssim", StructuralSimilarity.Compute);

    /// <summary>Reads both images as RGB (or Pillow-grey with color=gray) and scores them with the given data range.</summary>
    private static JsonObject ImagePair(MetricRequest request, string name, Func<Tensor, Tensor, double, double> metric)
    {
        using var scope = torch.NewDisposeScope();
        var color = request.Option("color") ?? "rgb";
        if (color is not ("rgb" or "gray"))
            throw new MetricUsageException($"--set color must be rgb or gray, got '{color}'");
        Tensor Load(string path)
        {
            var rgb = ImageIO.Read(path, ImageReadMode.Rgb);
            return color == "gray" ? Grayscale.PillowLuma(rgb) : rgb;
        }
        var value = metric(Load(request.Reference), Load(request.Degraded), request.DoubleOption("data-range", 255));
        var result = Result(name, value, request);
        result["color"] = color;
        return result;
    }

    private static JsonObject Segmentation(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var scores = SegmentationScores.FromLabels(
            LabelMap.Read(request.Reference),
            LabelMap.Read(request.Degraded),
            request.IntOption("classes", 19),
            request.IntOption("ignore", LabelMap.Ignore)
        );
        var result = Result("miou", scores.MeanIou, request);
        result["pixel_accuracy"] = scores.PixelAccuracy;
        result["mean_class_accuracy"] = scores.MeanClassAccuracy;
        result["miou_eps"] = scores.MeanIouEps;
        result["mean_class_accuracy_eps"] = scores.MeanClassAccuracyEps;
        result["valid_pixels"] = scores.ValidPixels;
        return result;
    }

    private static string[] ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : throw new FileNotFoundException($"no such file: {path}", path);
}
