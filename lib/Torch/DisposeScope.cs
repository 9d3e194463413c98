namespace Dino.Repro.Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, unless it was moved out.
/// Training steps run inside one (<c>using var scope = torch.NewDisposeScope();</c>) so native memory is
/// released deterministically: the GC sees only small wrappers and would not collect them in time.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> owned = new();
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope this one is nested in (null for an outermost scope).</summary>
    public DisposeScope? Outer { get; }

    /// <summary>How many tensors this scope still owns and would free.</summary>
    public int OwnedCount => owned.Count(t => ReferenceEquals(t.OwningScope, this) && !t.IsInvalid);

    internal void Attach(Tensor tensor)
    {
        tensor.OwningScope = this;
        owned.Add(tensor);
    }

    /// <summary>Hands the tensor to the enclosing scope (or to no scope), so it outlives this one.</summary>
    public T MoveToOuter<T>(T tensor) where T : Tensor
    {
        if (!ReferenceEquals(tensor.OwningScope, this)) return tensor;
        tensor.OwningScope = null;
        Outer?.Attach(tensor);
        return tensor;
    }

    /// <summary>
    /// Makes this scope the owner of a tensor that no scope owns (one made on another thread, where this thread's
    /// scopes cannot see it, and handed over): TorchSharp's <c>DisposeScope.Include</c>.
    /// </summary>
    public T Include<T>(T tensor) where T : Tensor
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (disposed) throw new ObjectDisposedException(nameof(DisposeScope));
        if (ReferenceEquals(tensor.OwningScope, this)) return tensor;
        if (tensor.OwningScope is not null)
            throw new InvalidOperationException("the tensor already belongs to another dispose scope: detach it there first");
        Attach(tensor);
        return tensor;
    }

    /// <summary>Releases the tensor from every scope: the caller now disposes it.</summary>
    public T Detach<T>(T tensor) where T : Tensor
    {
        if (ReferenceEquals(tensor.OwningScope, this)) tensor.OwningScope = null;
        return tensor;
    }

    /// <summary>Frees every tensor this scope owns except <paramref name="keep"/>, which stay owned by it.</summary>
    public void DisposeEverythingBut(params Tensor[] keep)
    {
        var kept = new HashSet<Tensor>(keep, ReferenceEqualityComparer.Instance);
        var survivors = new List<Tensor>();
        foreach (var t in owned)
        {
            if (!ReferenceEquals(t.OwningScope, this)) continue;
            if (kept.Contains(t)) survivors.Add(t);
            else t.Dispose();
        }
        owned.Clear();
        owned.AddRange(survivors);
    }

    /// <summary>Frees every tensor still owned by this scope and closes it.</summary>
    public void DisposeEverything() => Dispose();

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in owned)
        {
            if (ReferenceEquals(t.OwningScope, this)) t.Dispose();
        }
        owned.Clear();
        // Closing a scope re-opens its outer one; closing out of order also closes the inner scopes' link.
        if (ReferenceEquals(current, this)) current = Outer;
    }
}
