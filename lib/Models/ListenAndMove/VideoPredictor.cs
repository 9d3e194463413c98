using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's video prediction (reference <c>VideoPredictor</c>, after ContextVP's PyraMiD blending): ConvGRU
/// flows over the clip's feature maps predict each map and a mask a = σ(·), and the layer returns x ⊙ a + pred ⊙ (1 − a).
/// Directional: five flows — a square kernel, a height pair and a width pair (each pair one cell run in directions
/// +1 and −1) — whose states a 1×1 convolution turns into the prediction and the mask. Basic: one square ConvGRU whose
/// state is the prediction and mask itself. Each flow's last state is carried, detached, to the next clip
/// (<see cref="CarriedStates"/>, checkpointed).
/// </summary>
public sealed class VideoPredictor : nn.Module<Tensor, Tensor>
{
    private static readonly (int Cell, int Direction)[] Flows = [(0, 1), (1, 1), (1, -1), (2, 1), (2, -1)];

    private readonly ModuleList<DirectionalConvGruCell> cells = new();
    private readonly Conv2d? blend;
    private readonly CarriedStates carried;
    private readonly int channels;

    /// <param name="side">The maps' height and width (the carried states have that size).</param>
    /// <param name="batch">The batch whose states are carried between clips.</param>
    public VideoPredictor(int channels, int side, int kernel, bool directional, int batch = 1)
        : base(nameof(VideoPredictor))
    {
        this.channels = channels;
        Directional = directional;
        if (directional)
        {
            cells.Add(new DirectionalConvGruCell(channels, channels, kernel, ConvOrientation.Square));
            cells.Add(new DirectionalConvGruCell(channels, channels, kernel, ConvOrientation.Height));
            cells.Add(new DirectionalConvGruCell(channels, channels, kernel, ConvOrientation.Width));
            blend = nn.Conv2d(Flows.Length * channels, channels + 1, 1);
        }
        else
            cells.Add(new DirectionalConvGruCell(channels, channels + 1, kernel, ConvOrientation.Square));
        long[] state = [batch, directional ? channels : channels + 1, side, side];
        carried = new CarriedStates([.. Enumerable.Repeat(state, directional ? Flows.Length : 1)]);
        RegisterComponents();
    }

    public bool Directional { get; }

    /// <summary>Forgets the carried flow states of the current mode.</summary>
    public void Reset() => carried.Reset(training);

    /// <param name="maps">[B, T, C, H, W]: the last generative layer's maps of a clip.</param>
    /// <returns>[B, T, C, H, W]: the maps blended with their prediction.</returns>
    public override Tensor forward(Tensor maps)
    {
        using var scope = torch.NewDisposeScope();
        var previous = carried.Start(training);
        long[] wanted = [previous[0].size(0), maps.size(1), channels, previous[0].size(2), previous[0].size(3)];
        if (!maps.shape.SequenceEqual(wanted))
        {
            var shape = $"[{wanted[0]}, T, {channels}, {wanted[3]}, {wanted[4]}]";
            throw new ArgumentException($"this video predictor takes maps {shape}, got [{string.Join(", ", maps.shape)}]");
        }
        Tensor predicted;
        if (blend is null)
        {
            predicted = cells[0].call(maps, previous[0], 1); // [B, T, C + 1, H, W]
            carried.Keep(training, [predicted.select(1, -1)]);
        }
        else
        {
            var states = Flows.Select((f, i) => cells[f.Cell].call(maps, previous[i], f.Direction)).ToArray();
            carried.Keep(training, [.. states.Select(s => s.select(1, -1))]);
            var stacked = torch.cat(states, 2); // [B, T, 5C, H, W]
            var (b, t) = (maps.size(0), maps.size(1));
            predicted = blend.call(stacked.flatten(0, 1)).unflatten(0, [b, t]);
        }
        var prediction = predicted.narrow(2, 0, channels);
        var mask = predicted.narrow(2, channels, 1).sigmoid();
        return maps.mul(mask).add(prediction.mul(mask.neg().add(Scalars.Of(1)))).MoveToOuterDisposeScope();
    }
}
