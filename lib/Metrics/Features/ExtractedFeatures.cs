using Dino.Repro.Torch;

namespace Dino.Repro.Metrics.Features;

/// <summary>What an evaluator gave for a set of images (rows = images); either part may be absent.</summary>
public sealed class ExtractedFeatures(Tensor? features, Tensor? probabilities) : IDisposable
{
    /// <summary>Float32 features [N,D] (Inception pool3), or null when the evaluator does not return them.</summary>
    public Tensor? features { get; } = features;

    /// <summary>Float64 class probabilities [N,K] (softmax of the logits in float64), or null.</summary>
    public Tensor? probabilities { get; } = probabilities;

    public Tensor Features(string evaluatorName) => features ?? throw new NotSupportedException(
        $"the {evaluatorName} evaluator, called with tensor arguments only, returns no features: use the wrapped file of data-scripts/CONVERSION.md ('Inception features') or --set evaluator=FILE");

    public Tensor Probabilities(string evaluatorName) => probabilities ??
        throw new NotSupportedException($"the {evaluatorName} evaluator returns no class probabilities");

    public void Dispose()
    {
        features?.Dispose();
        probabilities?.Dispose();
    }
}
