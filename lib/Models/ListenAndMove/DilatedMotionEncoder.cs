using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's motion encoder (reference <c>MotionEncoder</c>, "basic"): a stack of GRU cells, hidden size =
/// input size, where layer l at frame t continues the state it had at frame t − 2^l (a dilated RNN); with more than one
/// layer each passes LeakyReLU_0.2((h_out + h_in) / √2) up (a residual). Within a clip gradients flow through time;
/// between consecutive clips the states are carried detached (<see cref="CarriedStates"/>, checkpointed) until <see cref="Reset"/>.
/// GRU cells keep PyTorch's default initialisation, as the reference does.
/// </summary>
public sealed class DilatedMotionEncoder : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<GRUCell> layers = new();
    private readonly CarriedStates carried;
    private readonly int[] slots;
    private readonly int size;

    /// <param name="batch">The batch whose states are carried between clips (Listen and Move trains on one clip at a time).</param>
    public DilatedMotionEncoder(int size, int layerCount, int dilation = SoundToVideoArchitecture.Dilation, int batch = 1)
        : base(nameof(DilatedMotionEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        this.size = size;
        for (var l = 0; l < layerCount; l++)
            layers.Add(nn.GRUCell(size, size));
        slots = [.. Enumerable.Range(0, layerCount).Select(l => (int)Math.Pow(dilation, l))];
        carried = new CarriedStates([.. Enumerable.Repeat(new long[] { batch, size }, slots.Sum())]);
        RegisterComponents();
    }

    /// <summary>Frames each layer looks back: dilation^l.</summary>
    public IReadOnlyList<int> LookBack => slots;

    /// <summary>Forgets the carried states of the current mode (training or evaluation).</summary>
    public void Reset() => carried.Reset(training);

    /// <param name="input">[B, T, size]: one motion input per frame.</param>
    /// <returns>[B, T, size]: the top layer's output per frame.</returns>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3 || input.size(2) != size)
            throw new ArgumentException($"the motion encoder takes [B, T, {size}], got [{string.Join(", ", input.shape)}]");
        if (input.size(0) != carried.Batch)
            throw new ArgumentException($"this motion encoder carries states for a batch of {carried.Batch}, not {input.size(0)}");
        using var scope = torch.NewDisposeScope();
        // The ring of each layer: slot (step mod 2^l) holds the state written 2^l frames ago, so it is read, then replaced.
        var start = carried.Start(training);
        var rings = new List<Tensor[]>();
        var at = 0;
        foreach (var count in slots)
        {
            rings.Add(start[at..(at + count)]);
            at += count;
        }
        var outputs = new List<Tensor>();
        for (var t = 0; t < input.size(1); t++)
        {
            var h = input.select(1, t);
            for (var l = 0; l < layers.Count; l++)
            {
                var slot = t % slots[l];
                var next = layers[l].call(h, rings[l][slot]);
                rings[l][slot] = next;
                h = layers.Count > 1 ? nn.functional.leaky_relu(next.add(h).mul(Scalars.Of(1 / Math.Sqrt(2))), 0.2) : next;
            }
            outputs.Add(h);
        }
        // Rotate each ring so the next clip's frame 0 reads the oldest state first, as the reference's queues do.
        var t0 = (int)input.size(1);
        carried.Keep(training, [.. rings.SelectMany((ring, l) => Enumerable.Range(0, slots[l]).Select(s => ring[(t0 + s) % slots[l]]))]);
        return torch.stack(outputs, 1).MoveToOuterDisposeScope();
    }
}
