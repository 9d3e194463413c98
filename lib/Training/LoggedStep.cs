using System.Text.Json.Nodes;

namespace Dino.Repro.Training;

/// <summary>One training line of a run's log.jsonl: the step, its losses and its controller values (e.g. DINO's k).</summary>
public sealed record LoggedStep(long Step, IReadOnlyDictionary<string, double> Losses, IReadOnlyDictionary<string, double> Controller)
{
    /// <summary>
    /// Every logged training step of <paramref name="logFile"/> in order (lines without losses, such as the list of
    /// skipped samples, are passed over): the whole history of a run, however many sessions it took.
    /// </summary>
    public static IReadOnlyList<LoggedStep> Read(string logFile) =>
        JsonlLog
            .Read(logFile)
            .Where(line => line["losses"] is JsonObject)
            .Select(line => new LoggedStep((long)line["step"]!, Values(line["losses"]), Values(line["controller"])))
            .ToList();

    private static IReadOnlyDictionary<string, double> Values(JsonNode? node) =>
        node is JsonObject values ? values.ToDictionary(kv => kv.Key, kv => (double)kv.Value!) : new Dictionary<string, double>();
}
