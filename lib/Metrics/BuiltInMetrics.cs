using System.Text.Json.Nodes;
using Dino.Repro.Data;
using Dino.Repro.Metrics.Image;
using Dino.Repro.Metrics.Semantic;
using Dino.Repro.Torch;

namespace Dino.Repro.Metrics;

/// <summary>The kit's metrics as the CLI sees them: each reads its files and calls the metric's own file.</summary>
internal static class BuiltInMetrics
{
    public static void RegisterAll()
    {
        MetricRegistry.Register(new("wer", "word error rate (S+D+I)/N, summed over paired lines (jiwer)",
            "--ref and --deg: UTF-8 text, one sentence per line", Wer));
        MetricRegistry.Register(new("fid", "Fréchet distance between Gaussians fitted to two feature sets",
            "--ref and --deg: feature matrices [samples, dims] as .npy", Fid));
        MetricRegistry.Register(new("kid", "kernel inception distance (unbiased MMD², cubic kernel; --subsets, --subset-size)",
            "--ref and --deg: feature matrices [samples, dims] as .npy", Kid));
        MetricRegistry.Register(new("is", "inception score from class probabilities (--splits, default 10)",
            "--deg: probabilities [samples, classes] as .npy", Is));
        Audio.AudioMetricRegistrations.Register();
    }

    private static JsonObject Result(string metric, double value, MetricRequest request) => new()
    {
        ["metric"] = metric,
        ["value"] = JsonValue.Create(value),
        ["ref"] = request.reference,
        ["deg"] = request.degraded,
    };

    private static JsonObject Wer(MetricRequest request)
    {
        var counts = WordErrorRate.Corpus(ReadLines(request.Reference), ReadLines(request.Degraded));
        var result = Result("wer", counts.wer, request);
        result["substitutions"] = counts.substitutions;
        result["deletions"] = counts.deletions;
        result["insertions"] = counts.insertions;
        result["hits"] = counts.hits;
        result["reference_words"] = counts.reference_words;
        result["mer"] = counts.mer;
        result["wil"] = counts.wil;
        result["wip"] = counts.wip;
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
        var value = KernelInceptionDistance.Compute(NpyFile.Read(request.Reference), NpyFile.Read(request.Degraded),
            request.IntOption("subsets", 100), request.IntOption("subset-size", 1000));
        return Result("kid", value, request);
    }

    private static JsonObject Is(MetricRequest request)
    {
        using var scope = torch.NewDisposeScope();
        var score = InceptionScore.Compute(NpyFile.Read(request.Degraded), request.IntOption("splits", 10));
        var result = Result("is", score.mean, request);
        result["std"] = score.std;
        result["per_split"] = new JsonArray(score.per_split.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        return result;
    }

    private static string[] ReadLines(string path) => File.Exists(path)
        ? File.ReadAllLines(path)
        : throw new FileNotFoundException($"no such file: {path}", path);
}
