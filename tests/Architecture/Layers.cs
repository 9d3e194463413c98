namespace Dino.Repro.Tests.Architecture;

/// <summary>
/// The kit's layers (DESIGN.md), bottom first: a namespace may use its own layer's folders below it and the layers
/// before its own, never one after. Two layers on one line (Signal, Vision) use neither each other. The metrics are
/// held lower than the rest of Evaluation: like stylegan2-ada's, they import nothing but files, tensors, audio and
/// images, so every layer's scores come from one implementation.
/// </summary>
public static class Layers
{
    private static readonly string[][] Order =
    [
        ["IO"],
        ["Torch"],
        ["Signal", "Vision"],
        ["Data"],
        ["Models"],
        ["Training"],
        ["Evaluation"],
        ["App"],
    ];

    private const string Metrics = "Dino.Repro.Evaluation.Metrics";

    /// <summary>The layer's folder (the namespace's third part), or null for a namespace outside every layer.</summary>
    public static string? LayerOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 3 && Order.Any(line => line.Contains(parts[2])) ? parts[2] : null;
    }

    private static int Rank(string layer) => Array.FindIndex(Order, line => line.Contains(layer));

    private static bool IsMetrics(string ns) => ns == Metrics || ns.StartsWith(Metrics + ".", StringComparison.Ordinal);

    /// <summary>Why <paramref name="edge"/> breaks the layering, or null when it is allowed.</summary>
    public static string? Violation(NamespaceEdge edge)
    {
        string? from = LayerOf(edge.From),
            to = LayerOf(edge.To);
        if (from is null || to is null)
            return $"{(from is null ? edge.From : edge.To)} is in no layer";
        if (IsMetrics(edge.From) && !IsMetrics(edge.To) && Rank(to) > Rank("Vision"))
            return $"metrics use only IO, Torch, Signal and Vision, but {edge.From} uses {edge.To}";
        if (Rank(to) > Rank(from))
            return $"{from} is below {to}, but {edge.From} uses {edge.To}";
        if (Rank(to) == Rank(from) && to != from)
            return $"{from} and {to} share a layer and use neither each other, but {edge.From} uses {edge.To}";
        return null;
    }

    /// <summary>Pairs of namespaces (folders) that use each other, each pair once.</summary>
    public static IEnumerable<(NamespaceEdge there, NamespaceEdge back)> MutualPairs(IReadOnlyList<NamespaceEdge> edges)
    {
        var byPair = edges.ToDictionary(e => (e.From, e.To));
        foreach (var edge in edges)
            if (string.CompareOrdinal(edge.From, edge.To) < 0 && byPair.TryGetValue((edge.To, edge.From), out var back))
                yield return (edge, back);
    }
}
