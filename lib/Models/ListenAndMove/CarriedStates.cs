namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Recurrent states a network carries from one clip to the next (Listen and Move trains on consecutive clips of one
/// video and keeps its GRU states between them, detached), one set for training and one for evaluation, as the
/// reference keeps <c>hidden_train</c> and <c>hidden_eval</c>. They are buffers of fixed shape, zero when nothing is
/// carried (a GRU's missing state is zeros, so the two are the same), which puts them in the module's state_dict: a
/// checkpoint holds them and a resumed run continues the clip sequence exactly.
/// </summary>
public sealed class CarriedStates : nn.Module
{
    private readonly int count;

    /// <param name="shapes">The shape of each carried state, batch first.</param>
    public CarriedStates(IReadOnlyList<long[]> shapes)
        : base(nameof(CarriedStates))
    {
        ArgumentNullException.ThrowIfNull(shapes);
        count = shapes.Count;
        for (var i = 0; i < count; i++)
        {
            register_buffer(Key(true, i), torch.zeros(shapes[i]));
            register_buffer(Key(false, i), torch.zeros(shapes[i]));
        }
    }

    /// <summary>The batch the states are carried for.</summary>
    public long Batch => count == 0 ? 0 : Buffer(true, 0).size(0);

    /// <summary>Copies of the mode's states for a clip to start from (free to enter a graph; the buffers are not).</summary>
    public Tensor[] Start(bool training) => [.. Enumerable.Range(0, count).Select(i => Buffer(training, i).clone())];

    /// <summary>Carries <paramref name="states"/> (detached) into the next clip of the mode.</summary>
    public void Keep(bool training, IReadOnlyList<Tensor> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count != count)
            throw new ArgumentException($"{count} states are carried, not {states.Count}");
        using var _ = torch.no_grad();
        for (var i = 0; i < count; i++)
            Buffer(training, i).copy_(states[i].detach());
    }

    /// <summary>Forgets the mode's states (a new pass over the video, or a new clip at evaluation).</summary>
    public void Reset(bool training)
    {
        using var _ = torch.no_grad();
        for (var i = 0; i < count; i++)
            Buffer(training, i).zero_();
    }

    // Read by name each time: moving the module to a device replaces the buffer tensors.
    private Tensor Buffer(bool training, int i) => get_buffer(Key(training, i))!;

    private static string Key(bool training, int i) => $"{(training ? "train" : "eval")}_{i}";
}
