using Dino.Repro.Data.Loading;

namespace Dino.Repro.Tests.Data.Loading;

public class MismatchedExamplesTests
{
    // Example i is the value i (so a drawn example names its pool row) with label i mod 3.
    private static MismatchedExamples Source(long seed = 4)
    {
        var values = arange(Scalars.Of(12), dtype: ScalarType.Float32).view(12, 1);
        var labels = arange(Scalars.Of(12), dtype: ScalarType.Int64) % Scalars.Of(3);
        var inner = new ShuffledBatches(new Dictionary<string, Tensor> { ["x"] = values.clone(), ["label"] = labels.clone() }, 4, seed);
        return new MismatchedExamples(inner, values, labels, "label", "wrong", seed);
    }

    private static long[] Wrong(Batch batch) => batch["wrong"].view(-1).to(ScalarType.Int64).data<long>().ToArray();

    [Fact]
    public void Each_row_gets_a_pool_example_of_another_label_and_the_draws_vary()
    {
        using var source = Source();
        var drawn = new HashSet<long>();
        for (var b = 0; b < 30; b++)
        {
            using var scope = NewDisposeScope();
            var batch = source.Next();
            var labels = batch["label"].data<long>().ToArray();
            var wrong = Wrong(batch);
            Assert.Equal(4, wrong.Length);
            for (var i = 0; i < 4; i++)
                Assert.NotEqual(labels[i], wrong[i] % 3); // the pool row's own label
            drawn.UnionWith(wrong);
            Assert.Equal(["x", "label", "wrong"], batch.Names);
        }
        Assert.True(drawn.Count >= 10, $"only {drawn.Count} of 12 pool rows ever drawn");
    }

    [Fact]
    public void A_restored_position_gives_the_same_batches_and_mismatches()
    {
        using var first = Source();
        using (NewDisposeScope())
            first.Next();
        var saved = first.Position;
        long[][] expected;
        using (NewDisposeScope())
            expected = Enumerable.Range(0, 5).Select(_ => Wrong(first.Next())).ToArray();

        using var second = Source();
        second.Position = saved;
        using (NewDisposeScope())
            Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => Wrong(second.Next())).ToArray());
    }

    [Fact]
    public void A_pool_of_one_label_or_mismatched_lengths_is_refused()
    {
        var inner = new ShuffledBatches(new Dictionary<string, Tensor> { ["label"] = zeros(new long[] { 4 }, dtype: ScalarType.Int64) }, 2, 1);
        Assert.Throws<ArgumentException>(() =>
            new MismatchedExamples(inner, zeros(4, 1), zeros(new long[] { 4 }, dtype: ScalarType.Int64), "label", "wrong", 1)
        );
        Assert.Throws<ArgumentException>(() =>
            new MismatchedExamples(inner, zeros(4, 1), arange(Scalars.Of(3), dtype: ScalarType.Int64), "label", "wrong", 1)
        );
    }
}
