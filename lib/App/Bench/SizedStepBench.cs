using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dino.Repro.App.Bench;

/// <summary>
/// A training-iteration benchmark timed at named sizes beside the same computation in PyTorch: its figures are
/// <c>{prefix}_{size}_step_ms</c> for the kit, <c>pytorch_…</c> for PyTorch and <c>{prefix}_{size}_step_ratio</c> for
/// kit / PyTorch (null where PyTorch did not run), and its table shows them against the issues' ≤ 0.6× target.
/// </summary>
/// <param name="Prefix">The bench's name and key prefix ("acgan", "wav2pix").</param>
/// <param name="Iteration">What one iteration does, for the table.</param>
/// <param name="SizeLabels">Each size's name → what it is (networks, resolution, batch), in table order.</param>
public sealed record SizedStepBench(string Prefix, string Iteration, IReadOnlyList<KeyValuePair<string, string>> SizeLabels)
{
    private string Key(string size) => $"{Prefix}_{size}_step_ms";

    private string RatioKey(string size) => $"{Prefix}_{size}_step_ratio";

    /// <summary>Both sides' figures and the kit/PyTorch ratios.</summary>
    public JsonObject Report(IReadOnlyDictionary<string, double> kitMs, JsonObject? pytorch)
    {
        ArgumentNullException.ThrowIfNull(kitMs);
        var report = new JsonObject { ["bench"] = Prefix };
        foreach (var (size, ms) in kitMs)
        {
            var py = pytorch?[Key(size)]?.GetValue<double>();
            report[Key(size)] = Math.Round(ms, 3);
            report["pytorch_" + Key(size)] = py is null ? null : Math.Round(py.Value, 3);
            report[RatioKey(size)] = py is null ? null : Math.Round(ms / py.Value, 3);
        }
        report["threads"] = torch.get_num_threads();
        report["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return report;
    }

    public string Table(JsonObject r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string F(string key) => r[key] is null ? "n/a" : r[key]!.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
        var lines = new List<string> { "| measure | kit | PyTorch | kit / PyTorch | target |", "| --- | --- | --- | --- | --- |" };
        foreach (var (size, label) in SizeLabels)
        {
            if (!r.ContainsKey(Key(size)))
                continue;
            var ratio = r[RatioKey(size)] is null ? "n/a" : F(RatioKey(size)) + "×";
            lines.Add($"| {Iteration}, {size} networks: {label} (ms) | {F(Key(size))} | {F("pytorch_" + Key(size))} | {ratio} | ≤ 0.6× |");
        }
        return string.Join('\n', lines);
    }

    public static string Json(JsonObject r) => r.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
