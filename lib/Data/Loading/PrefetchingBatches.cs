using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Dino.Repro.Training;

namespace Dino.Repro.Data.Loading;

/// <summary>
/// Decodes the next <see cref="Depth"/> batches of another source on a background thread (PyTorch's DataLoader
/// prefetch_factor), so a training step never waits on decoding. The batches, their order and the checkpointed
/// <see cref="Position"/> are exactly those of the wrapped source used directly. An exception on the worker is
/// rethrown by the <see cref="Next"/> that would have returned that batch, unchanged (type, message, stack).
/// The wrapped source must not draw from torch's default generator: it now runs on another thread.
/// </summary>
public sealed class PrefetchingBatches : IBatchSource, IDisposable
{
    private readonly IBatchSource source;
    private BlockingCollection<Prefetched>? queue;
    private CancellationTokenSource? stop;
    private Thread? worker;
    private DataPosition position;
    private ExceptionDispatchInfo? failure;
    private bool disposed;

    /// <param name="source">The source to read ahead; it stays owned by the caller (the experiment disposes it).</param>
    /// <param name="depth">How many decoded batches may wait in the queue (at least 1).</param>
    public PrefetchingBatches(IBatchSource source, int depth)
    {
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        Depth = depth;
        position = source.Position;
    }

    public int Depth { get; }

    /// <summary>The position of the next batch <see cref="Next"/> returns (the wrapped source itself is further ahead).</summary>
    public DataPosition Position
    {
        get => position;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ObjectDisposedException.ThrowIf(disposed, this);
            StopWorker();
            source.Position = value;
            position = value;
            failure = null;
        }
    }

    /// <summary>The next batch, its tensors handed to the current dispose scope (as the wrapped source would make them).</summary>
    public Batch Next()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        failure?.Throw();
        if (worker is null)
            StartWorker();
        var item = queue!.Take();
        if (item.Error is not null)
        {
            failure = item.Error;
            StopWorker();
            item.Error.Throw();
        }
        var batch = item.Batch!;
        if (torch.CurrentDisposeScope is { } scope)
        {
            foreach (var name in batch.Names)
                scope.Attach(batch[name]);
        }
        position = item.After;
        return batch;
    }

    private void StartWorker()
    {
        queue = new BlockingCollection<Prefetched>(new ConcurrentQueue<Prefetched>(), Depth);
        stop = new CancellationTokenSource();
        var (q, token) = (queue, stop.Token);
        worker = new Thread(() => Produce(q, token)) { IsBackground = true, Name = "dino-prefetch" };
        worker.Start();
    }

    private void Produce(BlockingCollection<Prefetched> into, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Prefetched item;
            try
            {
                item = new Prefetched(Decode(), source.Position, null);
            }
            catch (Exception e)
            {
                item = new Prefetched(null, null!, ExceptionDispatchInfo.Capture(e));
            }
            try
            {
                into.Add(item, token);
            }
            catch (OperationCanceledException)
            {
                Free(item.Batch);
                return;
            }
            if (item.Error is not null)
                return;
        }
    }

    // This thread's scope frees the source's temporaries; the batch itself leaves it, owned by no scope until Next.
    private Batch Decode()
    {
        using var scope = torch.NewDisposeScope();
        var batch = source.Next();
        foreach (var name in batch.Names)
            scope.Detach(batch[name]);
        return batch;
    }

    /// <summary>Stops the worker, frees the batches it had read ahead and joins it.</summary>
    private void StopWorker()
    {
        if (worker is null)
            return;
        stop!.Cancel();
        // Drain while joining: a worker blocked on a full queue sees the cancellation; one mid-decode finishes first.
        while (!worker.Join(10))
        {
            while (queue!.TryTake(out var pending))
                Free(pending.Batch);
        }
        while (queue!.TryTake(out var left))
            Free(left.Batch);
        queue.Dispose();
        stop.Dispose();
        (worker, queue, stop) = (null, null, null);
    }

    private static void Free(Batch? batch)
    {
        if (batch is null)
            return;
        foreach (var name in batch.Names)
            batch[name].Dispose();
    }

    /// <summary>Stops and joins the worker and frees every batch read ahead; the wrapped source is left open.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        StopWorker();
    }

    private sealed record Prefetched(Batch? Batch, DataPosition After, ExceptionDispatchInfo? Error);
}
