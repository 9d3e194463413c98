using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>
/// CLI entries that run a segmenter over a folder of (generated) images: segment-images writes their label maps,
/// miou-images scores them against same-named ground-truth label maps with one confusion matrix over the whole
/// set, each image first resized to its label map's size (pix2pix scripts/eval_cityscapes/evaluate.py). Options (--set key=value):
/// segmenter=face-parsing | cityscapes-fcn8s |
/// cityscapes-deeplabv3plus | FILE (a TorchScript file; then classes=N, input in [−1,1]), evaluators-dir,
/// ignore=255, out=DIR (segment-images).
/// </summary>
internal static class SegmenterMetricRegistrations
{
    private const string Options =
        "; --set segmenter=face-parsing|cityscapes-fcn8s|cityscapes-deeplabv3plus|FILE [classes=N], evaluators-dir=DIR, device=cpu|cuda[:N]";

    public static void Register(Action<MetricDescriptor> register)
    {
        register(
            new(
                "segment-images",
                "label maps of a folder of images through a TorchScript segmenter (written as PNGs)",
                "--deg-dir: a folder of images; --set out=DIR (where <name>.png label maps go)" + Options,
                Segment,
                Folders: true
            )
        );
        register(
            new(
                "miou-images",
                "mIoU, pixel and class accuracy of segmented images against ground-truth label maps",
                "--ref-dir: label maps (single-channel PNG), --deg-dir: images with the same names (any image extension); --set ignore=255" + Options,
                MeanIou,
                Folders: true
            )
        );
    }

    private static Segmenter LoadSegmenter(MetricRequest request)
    {
        var name = request.Option("segmenter")
            ?? throw new MetricUsageException(
                "this metric needs --set segmenter=NAME|FILE (face-parsing, cityscapes-fcn8s, cityscapes-deeplabv3plus)"
            );
        var spec = name.EndsWith(".pt", StringComparison.OrdinalIgnoreCase)
            ? SegmenterSpec.FromFile(name, request.IntOption("classes", 19))
            : Segmenters.Named(name);
        return Segmenter.Load(spec, request.Option("evaluators-dir"), request.DeviceOption());
    }

    private static JsonObject Segment(MetricRequest request)
    {
        var images = ImageFolder.Files(request.DegradedPath ?? throw new MetricUsageException("this metric needs --deg-dir FOLDER (segment-images)"));
        var output = request.Option("out") ?? throw new MetricUsageException("segment-images needs --set out=DIR for the label maps");
        using var segmenter = LoadSegmenter(request);
        Directory.CreateDirectory(output);
        foreach (var image in images)
        {
            using var scope = torch.NewDisposeScope();
            LabelMap.Write(
                Path.Combine(output, Path.GetFileNameWithoutExtension(image) + ".png"),
                segmenter.Predict(ImageIO.Read(image, ImageReadMode.Rgb))
            );
        }
        return new JsonObject
        {
            ["metric"] = "segment-images",
            ["value"] = images.Count,
            ["deg_dir"] = request.DegradedPath,
            ["out"] = Path.GetFullPath(output),
            ["segmenter"] = segmenter.Path,
        };
    }

    private static JsonObject MeanIou(MetricRequest request)
    {
        var labelDir = request.ReferencePath ?? throw new MetricUsageException("this metric needs --ref-dir FOLDER (miou-images)");
        var images = ImageFolder.Files(request.DegradedPath ?? throw new MetricUsageException("this metric needs --deg-dir FOLDER (miou-images)"));
        using var segmenter = LoadSegmenter(request);
        var ignore = request.IntOption("ignore", LabelMap.Ignore);
        var parts = new List<SegmentationScores>();
        foreach (var image in images)
        {
            var labels = Path.Combine(labelDir, Path.GetFileNameWithoutExtension(image) + ".png");
            if (!File.Exists(labels))
                throw new FileNotFoundException($"{image} has no ground-truth label map {labels}", labels);
            using var scope = torch.NewDisposeScope();
            var truth = LabelMap.Read(labels);
            // pix2pix's evaluate.py resizes the generated image (bilinear) to the ground truth's size, then segments it.
            var pixels = ImageIO.Read(image, ImageReadMode.Rgb);
            if (pixels.size(0) != truth.size(0) || pixels.size(1) != truth.size(1))
                pixels = Resize.Hwc(pixels, (int)truth.size(0), (int)truth.size(1));
            var predicted = segmenter.Predict(pixels);
            parts.Add(SegmentationScores.FromLabels(truth, predicted, segmenter.Spec.NumClasses, ignore));
        }
        var scores = SegmentationScores.Sum(parts);
        return new JsonObject
        {
            ["metric"] = "miou-images",
            ["value"] = JsonValue.Create(scores.MeanIou),
            ["pixel_accuracy"] = scores.PixelAccuracy,
            ["mean_class_accuracy"] = scores.MeanClassAccuracy,
            ["miou_eps"] = scores.MeanIouEps,
            ["images"] = images.Count,
            ["ref_dir"] = labelDir,
            ["deg_dir"] = request.DegradedPath,
            ["segmenter"] = segmenter.Path,
        };
    }
}
