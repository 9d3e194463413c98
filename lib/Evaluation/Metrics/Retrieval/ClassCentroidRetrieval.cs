namespace Dino.Repro.Evaluation.Metrics.Retrieval;

/// <summary>Class-centroid accuracy and precision at k of a speech encoder, as fractions in [0, 1].</summary>
public sealed record ClassCentroidScores(double Accuracy, double PrecisionAtK, int K, int Classes);

/// <summary>
/// How the speech-to-image reference scores its speech encoder on the test classes (train_audio_encoder.py, EvalClass):
/// each class's centroid is the mean speech embedding of its utterances; every image embedding is scored against every
/// centroid by the dot product. Accuracy: the share of images whose best centroid is their own class. "AP@50": for each
/// class, the k images scoring highest against its centroid, and the share of those that are of the class, over all
/// classes (a precision at k, as the reference computes it; a class with fewer than k images counts all of them).
/// </summary>
public static class ClassCentroidRetrieval
{
    public const int ReferenceK = 50;

    /// <param name="speech">Speech embeddings [N, D], row i paired with image row i.</param>
    /// <param name="images">Image (teacher) embeddings [N, D].</param>
    /// <param name="labels">The class of each pair.</param>
    public static ClassCentroidScores Score(Tensor speech, Tensor images, IReadOnlyList<int> labels, int k = ReferenceK)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (speech.dim() != 2 || images.dim() != 2 || !speech.shape.SequenceEqual(images.shape) || speech.size(0) != labels.Count)
            throw new ArgumentException(
                $"speech [{string.Join(", ", speech.shape)}] and images [{string.Join(", ", images.shape)}] must be [N, D] pairs, "
                    + $"one per label ({labels.Count})"
            );
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"retrieval needs at least two classes, got {classes.Length}");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var index = labels.Select(l => (long)Array.IndexOf(classes, l)).ToArray();
        var own = torch.tensor(index);
        var s = speech.to(ScalarType.Float64);
        var centroids = torch.stack(classes.Select((_, c) => s.index_select(0, own.eq(Scalars.Of(c)).nonzero().squeeze(1)).mean([0])).ToArray());
        var scores = images.to(ScalarType.Float64).matmul(centroids.t()); // [N, classes]
        var accuracy = scores.argmax(1).eq(own).to(ScalarType.Float64).mean().ToDouble();
        var top = Math.Min(k, labels.Count);
        var picked = scores.topk(top, dim: 0).indexes; // [top, classes]: the images scoring highest against each centroid
        var hits = own.index_select(0, picked.flatten()).view(top, classes.Length).eq(torch.arange(Scalars.Of(classes.Length)).view(1, -1));
        return new ClassCentroidScores(accuracy, hits.to(ScalarType.Float64).mean().ToDouble(), top, classes.Length);
    }
}
