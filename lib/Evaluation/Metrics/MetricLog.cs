using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dino.Repro.Evaluation.Metrics;

/// <summary>
/// Appends results as JSON lines to <c>metric-&lt;name&gt;.jsonl</c> in a folder, one file per metric (as
/// stylegan2-ada's metrics), each line stamped with the time and what was scored.
/// </summary>
public static class MetricLog
{
    /// <summary>
    /// How metric results are written: one line, and ∞/NaN as the named literals (identical images have PSNR ∞;
    /// plain JSON has no number for it, so System.Text.Json would refuse to write the result at all).
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Append(string folder, JsonObject result)
    {
        var name = result["metric"]?.GetValue<string>() ?? throw new ArgumentException("a metric result needs a \"metric\" name");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"metric-{name}.jsonl");
        var line = (JsonObject)result.DeepClone();
        line["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        File.AppendAllText(path, line.ToJsonString(JsonOptions) + "\n");
        return path;
    }
}
