using Dino.Repro.Data.Loading;

namespace Dino.Repro.Tests.Data.Loading;

public class ClassBalancedBatchesTests
{
    // 10 examples: value i, class 1 for i in {1, 4, 7} and 0 otherwise (7 of class 0, 3 of class 1).
    private static ClassBalancedBatches Source(int batch, long seed = 3) =>
        new(
            new Dictionary<string, Tensor>
            {
                ["x"] = arange(Scalars.Of(10), dtype: ScalarType.Float32),
                ["class"] = tensor(new long[] { 0, 1, 0, 0, 1, 0, 0, 1, 0, 0 }),
            },
            "class",
            batch,
            seed
        );

    private static (float[] x, long[] classes) Draw(IBatchSource source)
    {
        using var scope = NewDisposeScope();
        var batch = source.Next();
        return (batch["x"].data<float>().ToArray(), batch["class"].data<long>().ToArray());
    }

    [Fact]
    public void Every_batch_holds_as_many_examples_of_each_class_in_label_order()
    {
        using var source = Source(batch: 4);
        for (var i = 0; i < 20; i++)
        {
            var (x, classes) = Draw(source);
            Assert.Equal([0L, 0, 1, 1], classes);
            Assert.All(x.Take(2), v => Assert.DoesNotContain((int)v, new[] { 1, 4, 7 }));
            Assert.All(x.Skip(2), v => Assert.Contains((int)v, new[] { 1, 4, 7 }));
            Assert.NotEqual(x[2], x[3]); // drawn without replacement within an epoch of its class
        }
    }

    [Fact]
    public void A_restored_position_draws_the_same_batches_as_an_uninterrupted_source()
    {
        using var reference = Source(batch: 4);
        var expected = Enumerable.Range(0, 12).Select(_ => Draw(reference).x).ToList();
        using var first = Source(batch: 4);
        for (var i = 0; i < 7; i++)
            Draw(first);
        var saved = first.Position;
        using var resumed = Source(batch: 4);
        resumed.Position = saved;
        for (var i = 7; i < 12; i++)
            Assert.Equal(expected[i], Draw(resumed).x);
    }

    [Fact]
    public void A_batch_that_does_not_split_over_the_classes_or_a_class_too_small_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Source(batch: 5));
        Assert.Throws<ArgumentException>(() => Source(batch: 8)); // 4 of class 1 wanted, 3 there
        using var source = Source(batch: 2);
        Assert.Throws<InvalidDataException>(() => source.Position = new DataPosition(1, 0, 99));
    }
}
