using Dino.Repro.Data.Loading;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Data.Loading;

public class PrefetchingBatchesTests
{
    // 10 examples, batches of 3: three batches per epoch, one example dropped, so 8 batches cross two epoch boundaries.
    private static ShuffledBatches Numbers() => new(new Dictionary<string, Tensor> { ["i"] = torch.arange(Scalars.Of(10)) }, 3, seed: 8);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Gives_the_same_batches_in_the_same_order_and_positions_as_the_source_alone(int depth)
    {
        using var direct = Numbers();
        using var source = Numbers();
        using var prefetch = new PrefetchingBatches(source, depth);
        Assert.Equal(direct.Position, prefetch.Position);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(Take(direct), Take(prefetch));
            // The checkpointed position is that of the next batch to train on, not of the source read ahead.
            Assert.Equal(direct.Position, prefetch.Position);
        }
    }

    [Fact]
    public void Setting_the_position_drops_what_was_read_ahead_and_continues_from_there()
    {
        using var direct = Numbers();
        for (var i = 0; i < 2; i++)
            Take(direct);
        var saved = direct.Position;
        var expected = Enumerable.Range(0, 4).Select(_ => Take(direct)).ToArray();

        using var source = Numbers();
        using var prefetch = new PrefetchingBatches(source, 2);
        for (var i = 0; i < 5; i++)
            Take(prefetch);
        prefetch.Position = saved;
        Assert.Equal(saved, prefetch.Position);
        Assert.Equal(expected, Enumerable.Range(0, 4).Select(_ => Take(prefetch)).ToArray());
    }

    [Fact]
    public void A_worker_exception_reaches_the_consumer_unchanged_after_the_batches_before_it()
    {
        using var source = new CountingSource(failAt: 3);
        using var prefetch = new PrefetchingBatches(source, 2);
        Assert.Equal(new long[] { 1 }, Take(prefetch));
        Assert.Equal(new long[] { 2 }, Take(prefetch));
        var e = Assert.Throws<InvalidDataException>(() => Take(prefetch));
        Assert.Equal("sample 3: truncated PNG", e.Message);
        // The failure stays: the next call does not skip past the bad batch.
        Assert.Same(e, Assert.Throws<InvalidDataException>(() => Take(prefetch)));
    }

    [Fact]
    public void Reads_ahead_no_more_than_its_depth()
    {
        using var source = new CountingSource();
        using var prefetch = new PrefetchingBatches(source, 2);
        Take(prefetch);
        // Batch 1 consumed, 2 and 3 queued, 4 decoded and waiting for room: the worker then waits. (Its ThreadState is
        // not read: under load it was seen not to say WaitSleepJoin while blocked, and it is not the behaviour asked.)
        WaitFor(() => source.Calls >= 4);
        Thread.Sleep(300);
        Assert.Equal(4, source.Calls);
        // Room for one more lets exactly one more through.
        Take(prefetch);
        WaitFor(() => source.Calls >= 5);
        Thread.Sleep(300);
        Assert.Equal(5, source.Calls);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
    }

    [Fact]
    public void Dispose_joins_the_worker_and_frees_every_batch_read_ahead()
    {
        using var source = new CountingSource();
        var before = LiveTensors.Settled();
        var prefetch = new PrefetchingBatches(source, 3);
        using (torch.NewDisposeScope())
        {
            var batch = prefetch.Next();
            Assert.Equal(1L, batch["n"].ToInt64());
        }
        prefetch.Dispose();
        Assert.False(source.Worker!.IsAlive);
        Assert.Equal(before, Tensor.TotalCount);
        Assert.Throws<ObjectDisposedException>(() => prefetch.Next());
    }

    [Fact]
    public void The_batch_belongs_to_the_consumers_scope_not_the_workers()
    {
        using var source = Numbers();
        using var prefetch = new PrefetchingBatches(source, 2);
        Tensor kept;
        using (var scope = torch.NewDisposeScope())
        {
            kept = prefetch.Next()["i"];
            Assert.Equal(1, scope.DisposablesCount);
        }
        Assert.True(kept.IsInvalid); // freed by the consumer's scope when it closed
    }

    private static long[] Take(IBatchSource source)
    {
        using var scope = torch.NewDisposeScope();
        var batch = source.Next();
        return batch[batch.Names.First()].ToArray<long>();
    }

    /// <summary>Batch k holds the number k; batch <c>failAt</c> throws as a corrupt file would.</summary>
    private sealed class CountingSource(int failAt = int.MaxValue) : IBatchSource, IDisposable
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);
        public Thread? Worker { get; private set; }

        public DataPosition Position { get; set; } = new(0, 0, 0);

        public Batch Next()
        {
            Worker = Thread.CurrentThread;
            var n = Interlocked.Increment(ref calls);
            if (n == failAt)
                throw new InvalidDataException($"sample {n}: truncated PNG");
            Position = new DataPosition(0, n, 0);
            return new Batch(1, new Dictionary<string, Tensor> { ["n"] = torch.tensor(new long[] { n }, new long[] { 1 }) });
        }

        public void Dispose() { }
    }
}
