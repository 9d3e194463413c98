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
    public static JsonSerializerOptions JsonOptions { get; } =
        new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Why results cannot be appended in <paramref name="folder"/> (it cannot be made, or a file there cannot be opened
    /// for appending), or null: asked before scoring, so a bad --log fails at once instead of after the work.
    /// </summary>
    public static string? Unwritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".metric-log-probe-{Environment.ProcessId}");
            using (File.Open(probe, FileMode.Append, FileAccess.Write)) { }
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return e.Message;
        }
    }

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
