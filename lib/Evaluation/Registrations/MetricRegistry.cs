using Dino.Repro.Evaluation.Metrics;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>
/// Metrics by name, as stylegan2-ada's metric_main: the CLI and the reports look metrics up here, and each
/// result is a JSON object whose "value" is the headline number.
/// </summary>
public static class MetricRegistry
{
    private static readonly Dictionary<string, MetricDescriptor> Metrics = new(StringComparer.Ordinal);

    static MetricRegistry() => BuiltInMetrics.RegisterAll();

    public static void Register(MetricDescriptor metric)
    {
        if (!Metrics.TryAdd(metric.Name, metric))
            throw new InvalidOperationException($"metric '{metric.Name}' is registered twice");
    }

    public static IReadOnlyCollection<MetricDescriptor> All => Metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public static MetricDescriptor Get(string name) =>
        Metrics.TryGetValue(name, out var metric)
            ? metric
            : throw new KeyNotFoundException($"unknown metric '{name}'; available: {string.Join(", ", All.Select(m => m.Name))}");
}
