using Dino.Repro.Torch;
using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The GRID word recogniser: normalised log-mel features [B, mels, frames] → three 1-D convolutions (kernel 5,
/// the last two stride 2, so one step is 40 ms) with GroupNorm and ReLU → a bidirectional GRU → one attention
/// pooling per slot (<see cref="SlotAttention"/>) → a linear classifier per slot → logits [B, 51] laid out as
/// <see cref="GridSlots"/> says. GroupNorm, not BatchNorm, so a short training run behaves the same in eval mode.
/// state_dict: "encoder.0.weight", "gru.weight_ih_l0", "attention.score.weight", "head.weight".
/// </summary>
public sealed class GridRecogniserNetwork : Module<Tensor, Tensor>
{
    private const int KernelSize = 5;

    private readonly Sequential encoder;
    private readonly GRU gru;
    private readonly Dropout dropout;
    private readonly SlotAttention attention;
    private readonly Linear head;

    /// <param name="mel_bands">Input feature bands.</param>
    /// <param name="channels">Convolution channels (a multiple of <paramref name="norm_groups"/>).</param>
    /// <param name="hidden">GRU hidden size per direction.</param>
    /// <param name="dropout">Dropout on the GRU's output during training.</param>
    /// <param name="norm_groups">GroupNorm groups.</param>
    public GridRecogniserNetwork(long mel_bands, long channels, long hidden, double dropout = 0.0, long norm_groups = 8)
        : base(nameof(GridRecogniserNetwork))
    {
        if (channels % norm_groups != 0)
            throw new ArgumentException($"channels ({channels}) must be a multiple of the {norm_groups} norm groups", nameof(channels));
        encoder = torch.nn.Sequential(
            ("0", torch.nn.Conv1d(mel_bands, channels, KernelSize, padding: KernelSize / 2)),
            ("1", torch.nn.GroupNorm(norm_groups, channels)),
            ("2", torch.nn.ReLU()),
            ("3", torch.nn.Conv1d(channels, channels, KernelSize, stride: 2, padding: KernelSize / 2)),
            ("4", torch.nn.GroupNorm(norm_groups, channels)),
            ("5", torch.nn.ReLU()),
            ("6", torch.nn.Conv1d(channels, channels, KernelSize, stride: 2, padding: KernelSize / 2)),
            ("7", torch.nn.GroupNorm(norm_groups, channels)),
            ("8", torch.nn.ReLU()));
        gru = torch.nn.GRU(channels, hidden, batch_first: true, bidirectional: true);
        this.dropout = torch.nn.Dropout(dropout);
        attention = new SlotAttention(2 * hidden, GridSlots.Count);
        // One matrix holds every slot's classifier; slot k reads only its own rows (GridSlots.Offsets[k]…) from its own pooled vector.
        head = torch.nn.Linear(2 * hidden, GridSlots.Width);
        MelBands = mel_bands;
        RegisterComponents();
    }

    public long MelBands { get; }

    /// <summary>features [B, mels, frames] → logits [B, 51].</summary>
    public override Tensor forward(Tensor features)
    {
        if (features.dim() != 3 || features.size(1) != MelBands)
            throw new ArgumentException($"the recogniser takes features [batch, {MelBands}, frames], got [{string.Join(", ", features.shape)}]", nameof(features));
        using var scope = torch.NewDisposeScope();
        var encoded = encoder.call(features).transpose(1, 2);        // [B, T', C]
        var (sequence, _) = gru.call(encoded);                        // [B, T', 2H]
        var pooled = attention.call(dropout.call(sequence));          // [B, 6, 2H]
        var perSlot = head.call(pooled);                              // [B, 6, 51]
        var logits = torch.cat(Enumerable.Range(0, GridSlots.Count)
            .Select(k => perSlot.select(1, k).narrow(1, GridSlots.Offsets[k], GridSlots.Sizes[k])).ToArray(), 1);
        return scope.MoveToOuter(logits);
    }
}
