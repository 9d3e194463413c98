using Dino.Repro.Torch;

namespace Dino.Repro.Metrics;

/// <summary>Input checks shared by the metrics: a wrong input is an error, never a wrong number.</summary>
internal static class MetricInput
{
    public static void RequireSameShape(Tensor a, Tensor b, string metric)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"{metric}: reference and degraded shapes differ: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", b.shape)}]");
    }

    public static void RequireFinite(double value, string metric)
    {
        if (double.IsNaN(value)) throw new ArgumentException($"{metric}: the inputs contain NaN");
    }
}
