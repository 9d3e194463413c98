namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Recurrent states a network carries from one clip to the next (Listen and Move trains on consecutive clips of one
/// video and keeps its GRU states between them, detached), one set for training and one for evaluation, as the
/// reference keeps <c>hidden_train</c> and <c>hidden_eval</c>. The tensors live outside every dispose scope (a
/// training step's scope must not free them); replacing or resetting a set frees the old one.
/// </summary>
public sealed class CarriedStates : IDisposable
{
    private readonly Tensor?[][] sets =
    [
        [],
        [],
    ];

    /// <summary>The states of a mode (null slots: not yet set, read as zeros); the caller must not keep or free them.</summary>
    public IReadOnlyList<Tensor?> Get(bool training) => sets[training ? 0 : 1];

    /// <summary>Carries detached copies of <paramref name="states"/> for the mode, freeing what it carried before.</summary>
    public void Set(bool training, IReadOnlyList<Tensor?> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var kept = states.Select(s => s?.detach().DetachFromDisposeScope()).ToArray();
        Free(training);
        sets[training ? 0 : 1] = kept;
    }

    /// <summary>Forgets the mode's states (a new pass, or a new clip at evaluation).</summary>
    public void Reset(bool training) => Free(training);

    private void Free(bool training)
    {
        var index = training ? 0 : 1;
        foreach (var state in sets[index])
            state?.Dispose();
        sets[index] = [];
    }

    public void Dispose()
    {
        Free(true);
        Free(false);
    }
}
