namespace Dino.Repro.Evaluation.Registrations;

/// <summary>
/// A metric was asked for wrongly — a missing --ref/--deg, an option value it does not know — as opposed to input it
/// cannot score: `dino metric` exits 2 (usage) for this and 1 for bad input, as every verb does.
/// </summary>
public sealed class MetricUsageException(string message) : ArgumentException(message);
