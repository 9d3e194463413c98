using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// A convolutional GRU cell of <see cref="DirectionalConv2d"/> gates (reference <c>DirConvGRUCell</c>):
/// z = σ(W_z ∗ [x, h]), r = σ(W_r ∗ [x, h]), h̃ = tanh(W ∗ [x, r ⊙ h]), h ← (1 − z) ⊙ h + z ⊙ h̃, stepped over the
/// frames of a clip.
/// </summary>
public sealed class DirectionalConvGruCell : nn.Module<Tensor, Tensor?, int, Tensor>
{
    private readonly DirectionalConv2d reset,
        update,
        output;

    public DirectionalConvGruCell(int inChannels, int hiddenChannels, int kernel, ConvOrientation orientation)
        : base(nameof(DirectionalConvGruCell))
    {
        HiddenChannels = hiddenChannels;
        reset = new DirectionalConv2d(inChannels + hiddenChannels, hiddenChannels, kernel, orientation);
        update = new DirectionalConv2d(inChannels + hiddenChannels, hiddenChannels, kernel, orientation);
        output = new DirectionalConv2d(inChannels + hiddenChannels, hiddenChannels, kernel, orientation);
        RegisterComponents();
    }

    public int HiddenChannels { get; }

    /// <param name="frames">[B, T, C, H, W].</param>
    /// <param name="hidden">[B, hidden, H, W] carried from the previous clip, or null for zeros.</param>
    /// <param name="direction">The flow's direction (+1 or −1; ignored by square kernels).</param>
    /// <returns>The state after each frame, [B, T, hidden, H, W].</returns>
    public override Tensor forward(Tensor frames, Tensor? hidden, int direction)
    {
        if (frames.dim() != 5)
            throw new ArgumentException($"a ConvGRU takes frames [B, T, C, H, W], got [{string.Join(", ", frames.shape)}]");
        using var scope = torch.NewDisposeScope();
        var h = hidden ?? torch.zeros([frames.size(0), HiddenChannels, frames.size(3), frames.size(4)], frames.dtype, frames.device);
        var states = new List<Tensor>();
        for (var t = 0; t < frames.size(1); t++)
        {
            var x = frames.select(1, t);
            var stacked = torch.cat([x, h], 1);
            var z = update.call(stacked, direction).sigmoid();
            var r = reset.call(stacked, direction).sigmoid();
            var candidate = output.call(torch.cat([x, h.mul(r)], 1), direction).tanh();
            h = h.mul(z.neg().add(Scalars.Of(1))).add(candidate.mul(z));
            states.Add(h);
        }
        return torch.stack(states, 1).MoveToOuterDisposeScope();
    }
}
