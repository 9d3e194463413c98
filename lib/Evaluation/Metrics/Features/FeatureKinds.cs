namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>What a caller needs from an evaluator: an evaluator that answers each with its own call runs only those asked for.</summary>
[Flags]
public enum FeatureKinds
{
    /// <summary>Features [N,D] (FID, KID, FVD).</summary>
    Features = 1,

    /// <summary>Class probabilities [N,K] (IS).</summary>
    Probabilities = 2,
    Both = Features | Probabilities,
}
