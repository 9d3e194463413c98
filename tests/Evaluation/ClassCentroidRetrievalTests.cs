using Dino.Repro.Evaluation.Metrics.Retrieval;

namespace Dino.Repro.Tests.Evaluation;

public class ClassCentroidRetrievalTests
{
    [Fact]
    public void Accuracy_and_precision_at_k_of_a_case_worked_by_hand()
    {
        using var scope = NewDisposeScope();
        // Centroids (1, 0) and (0, 1). Image scores against them: (2, 1) → 0 ✓, (0, 3) → 1 ✗, (0, 1) → 1 ✓, (1, 2) → 1 ✓.
        var speech = tensor(new float[] { 1, 0, 1, 0, 0, 1, 0, 1 }, [4, 2]);
        var images = tensor(new float[] { 2, 1, 0, 3, 0, 1, 1, 2 }, [4, 2]);
        var scores = ClassCentroidRetrieval.Score(speech, images, [0, 0, 1, 1], k: 2);
        Assert.Equal(0.75, scores.Accuracy, 12);
        // Top 2 for class 0: images 0 (2) and 3 (1) — one of class 0; for class 1: images 1 (3) and 3 (2) — one of class 1.
        Assert.Equal(0.5, scores.PrecisionAtK, 12);
        Assert.Equal((2, 2), (scores.K, scores.Classes));
    }

    [Fact]
    public void On_random_embeddings_it_agrees_with_a_plain_loop_and_k_above_the_count_takes_every_image()
    {
        using var scope = NewDisposeScope();
        var random = new Random(5);
        int[] labels = [.. Enumerable.Range(0, 30).Select(i => 10 + i % 4)]; // class ids need not start at 0
        var speech = new float[30 * 3]
            .Select(_ => (float)random.NextDouble())
            .ToArray();
        var images = new float[30 * 3]
            .Select(_ => (float)random.NextDouble())
            .ToArray();
        var classes = labels.Distinct().Order().ToArray();
        var centroids = classes
            .Select(c =>
                Enumerable
                    .Range(0, 3)
                    .Select(d => Enumerable.Range(0, 30).Where(i => labels[i] == c).Average(i => (double)speech[i * 3 + d]))
                    .ToArray()
            )
            .ToArray();
        double Score(int image, int c) => Enumerable.Range(0, 3).Sum(d => images[image * 3 + d] * centroids[c][d]);
        var accuracy = Enumerable
            .Range(0, 30)
            .Average(i => classes[Enumerable.Range(0, classes.Length).MaxBy(c => Score(i, c))] == labels[i] ? 1.0 : 0.0);
        double Precision(int k) =>
            Enumerable
                .Range(0, classes.Length)
                .Average(c => Enumerable.Range(0, 30).OrderByDescending(i => Score(i, c)).Take(k).Average(i => labels[i] == classes[c] ? 1.0 : 0.0));
        var (s, m) = (tensor(speech, [30, 3]), tensor(images, [30, 3]));
        var five = ClassCentroidRetrieval.Score(s, m, labels, k: 5);
        Assert.Equal(accuracy, five.Accuracy, 12);
        Assert.Equal(Precision(5), five.PrecisionAtK, 12);
        var all = ClassCentroidRetrieval.Score(s, m, labels); // k = 50 > 30 images: every image, so the class share, 1/4
        Assert.Equal((30, 0.25), (all.K, all.PrecisionAtK));
    }

    [Fact]
    public void Unpaired_shapes_and_a_single_class_are_refused()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => ClassCentroidRetrieval.Score(zeros(4, 2), zeros(3, 2), [0, 0, 1, 1]));
        Assert.Throws<ArgumentException>(() => ClassCentroidRetrieval.Score(zeros(4, 2), zeros(4, 2), [0, 0, 1]));
        Assert.Throws<ArgumentException>(() => ClassCentroidRetrieval.Score(zeros(4, 2), zeros(4, 2), [1, 1, 1, 1]));
    }
}
