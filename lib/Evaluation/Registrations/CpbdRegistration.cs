using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>The CLI entry `cpbd`: a no-reference sharpness score of one image, on its Pillow-luma grey version.</summary>
internal static class CpbdRegistration
{
    public static void Register(Action<MetricDescriptor> register) =>
        register(
            new(
                "cpbd",
                "cumulative probability of blur detection, no-reference sharpness (python-cpbd 1.0.7)",
                "--deg: an image (PNG/JPEG, at least 64×64), scored on its Pillow convert(\"L\") grey",
                Score
            )
        );

    private static JsonObject Score(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var grey = Grayscale.PillowLuma(ImageIO.Read(request.Degraded, ImageReadMode.Rgb));
        return new JsonObject
        {
            ["metric"] = "cpbd",
            ["value"] = JsonValue.Create(Cpbd.Compute(grey)),
            ["deg"] = request.DegradedPath,
            ["color"] = "gray",
        };
    }
}
