using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Dino.Repro.Data.Loading;

/// <summary>
/// The samples skipped while reading a corpus: each is logged the moment it is skipped and kept, so the run can put
/// the whole list in its log. Never silent. Safe to fill from several threads. A file met again (a batch read twice,
/// as the sample grids' first batch is) is listed once.
/// </summary>
public sealed class BadSampleReport
{
    private readonly ConcurrentQueue<SkippedSample> skipped = new();
    private readonly ConcurrentDictionary<string, bool> seen = new();
    private readonly TextWriter? log;

    /// <param name="log">Where each skip is written as it happens; default standard error, null for nowhere.</param>
    public BadSampleReport(TextWriter? log) => this.log = log;

    public BadSampleReport()
        : this(Console.Error) { }

    public int Count => skipped.Count;

    /// <summary>The skipped samples, in the order they were found.</summary>
    public IReadOnlyList<SkippedSample> Skipped => skipped.ToArray();

    public void Add(string file, string reason)
    {
        if (!seen.TryAdd(file, true))
            return;
        var sample = new SkippedSample(file, reason);
        skipped.Enqueue(sample);
        log?.WriteLine($"skipped bad sample {file}: {reason}");
    }

    /// <summary>{"count": n, "samples": [{"file": …, "reason": …}, …]} for a run's log.</summary>
    public JsonObject ToJson()
    {
        var samples = new JsonArray();
        foreach (var s in Skipped)
            samples.Add(new JsonObject { ["file"] = s.File, ["reason"] = s.Reason });
        return new JsonObject { ["count"] = Count, ["samples"] = samples };
    }
}
