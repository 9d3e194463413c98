using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>The orientation of a <see cref="DirectionalConv2d"/> (the reference's <c>None</c>, <c>'h'</c>, <c>'w'</c>).</summary>
public enum ConvOrientation
{
    /// <summary>A plain square k × k convolution with bias.</summary>
    Square,

    /// <summary>1 × n kernels, their outputs shifted along the height (a flow up or down the frame).</summary>
    Height,

    /// <summary>n × 1 kernels, their outputs shifted along the width (a flow left or right).</summary>
    Width,
}

/// <summary>
/// Listen and Move's directional convolution (reference <c>convgru.DirConv2d</c>; Redondo 2023 §3, after ContextVP):
/// for an odd size k, bias-free 1-D kernels of lengths 1, 3, …, k laid across the flow; the output of the i-th is
/// shifted i pixels along the flow (direction +1 or −1) with replicate padding, the shifted outputs summed, one bias
/// added. Each output pixel thus sees a cone that widens behind it, so a GRU built of these propagates information one
/// way. The same weights serve both directions of a pair.
/// </summary>
public sealed class DirectionalConv2d : nn.Module<Tensor, int, Tensor>
{
    private readonly Conv2d? square;
    private readonly ModuleList<Conv2d> lines = new();
    private readonly Parameter? bias;

    public DirectionalConv2d(int inChannels, int outChannels, int kernel, ConvOrientation orientation)
        : base(nameof(DirectionalConv2d))
    {
        if (kernel < 1 || kernel % 2 == 0)
            throw new ArgumentException($"a directional convolution's kernel size is odd (got {kernel})", nameof(kernel));
        Orientation = orientation;
        if (orientation == ConvOrientation.Square)
            square = nn.Conv2d(inChannels, outChannels, kernel, padding: kernel / 2);
        else
        {
            for (var length = 1; length <= kernel; length += 2)
            {
                var (size, pad) =
                    orientation == ConvOrientation.Height ? ((1L, (long)length), (0L, (long)length / 2)) : ((length, 1L), (length / 2, 0L));
                lines.Add(nn.Conv2d(inChannels, outChannels, size, padding: pad, bias: false));
            }
            bias = new Parameter(torch.zeros(1, outChannels, 1, 1));
        }
        RegisterComponents();
    }

    public ConvOrientation Orientation { get; }

    /// <param name="input">[B, C, H, W].</param>
    /// <param name="direction">+1 or −1 along the orientation's flow (ignored by a square kernel).</param>
    public override Tensor forward(Tensor input, int direction)
    {
        if (square is not null)
            return square.call(input);
        if (direction is not (1 or -1))
            throw new ArgumentException($"a directional convolution flows +1 or -1 (got {direction})", nameof(direction));
        using var scope = torch.NewDisposeScope();
        var axis = Orientation == ConvOrientation.Height ? 2 : 3;
        var output = lines[0].call(input);
        for (var shift = 1; shift < lines.Count; shift++)
            output = output.add(Shift(lines[shift].call(input), axis, shift, direction));
        return output.add(bias!).MoveToOuterDisposeScope();
    }

    // Moves the map `shift` pixels along `axis` (towards higher indices for +1), repeating the edge it leaves.
    private static Tensor Shift(Tensor map, int axis, int shift, int direction)
    {
        var length = map.size(axis);
        var kept = direction == 1 ? map.narrow(axis, 0, length - shift) : map.narrow(axis, shift, length - shift);
        long before = direction == 1 ? shift : 0,
            after = direction == 1 ? 0 : shift;
        long[] pad = axis == 2 ? [0, 0, before, after] : [before, after, 0, 0];
        return nn.functional.pad(kept, pad, PaddingModes.Replicate);
    }
}
