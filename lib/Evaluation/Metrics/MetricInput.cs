namespace Dino.Repro.Evaluation.Metrics;

/// <summary>Input checks shared by the metrics: a wrong input is an error, never a wrong number.</summary>
internal static class MetricInput
{
    public static void RequireSameShape(Tensor a, Tensor b, string metric)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException(
                $"{metric}: reference and degraded shapes differ: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", b.shape)}]"
            );
    }

    /// <summary>
    /// Every value must be a number: one NaN or ±∞ pixel would turn the score into NaN or ±∞ instead of an error.
    /// <paramref name="which"/> names the image in the message.
    /// </summary>
    public static void RequireFinite(Tensor image, string which, string metric)
    {
        if (!image.is_floating_point())
            return; // integer images hold neither
        using var scope = torch.NewDisposeScope();
        if (image.isnan().any().ToBoolean())
            throw new ArgumentException($"{metric}: the {which} image contains NaN");
        if (!image.isfinite().all().ToBoolean())
            throw new ArgumentException($"{metric}: the {which} image contains an infinite value");
    }
}
