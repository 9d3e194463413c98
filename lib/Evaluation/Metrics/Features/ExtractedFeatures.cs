namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>What an evaluator gave for a set of images (rows = images); either part may be absent.</summary>
public sealed class ExtractedFeatures(Tensor? features, Tensor? probabilities) : IDisposable
{
    /// <summary>Float32 features [N,D] (Inception pool3), or null when the evaluator does not return them.</summary>
    public Tensor? Features { get; } = features;

    /// <summary>Float64 class probabilities [N,K] (softmax of the logits in float64), or null.</summary>
    public Tensor? Probabilities { get; } = probabilities;

    public Tensor RequireFeatures(string evaluatorName) =>
        Features ?? throw new NotSupportedException($"the {evaluatorName} evaluator returned no features (were they asked for?)");

    public Tensor RequireProbabilities(string evaluatorName) =>
        Probabilities
        ?? throw new NotSupportedException(
            $"the {evaluatorName} evaluator returned no class probabilities (it has no call for them, or they were not asked for)"
        );

    public void Dispose()
    {
        Features?.Dispose();
        Probabilities?.Dispose();
    }
}
