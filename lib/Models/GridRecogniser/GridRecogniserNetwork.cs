using TorchSharp.Modules;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The GRID word recogniser: normalised log-mel features [B, mels, frames] → three 1-D convolutions (kernel 5,
/// the last two stride 2, so one step is 40 ms) with GroupNorm and ReLU → a bidirectional GRU → the sequence
/// averaged over <c>segments</c> equal spans of the clip → one linear read-out whose rows are six heads, one per slot
/// → logits [B, 51] laid out as <see cref="GridSlots"/> says.
/// Why fixed spans rather than learned attention: GRID's words come in a fixed order at roughly fixed times, so
/// "what was said in each quarter-second" is a strong prior; measured on 16 Spoken GRID clips, this read-out fits them
/// in ~50 steps where a per-slot attention pooling was still near chance after 150.
/// GroupNorm, not BatchNorm, so a short training run behaves the same in eval mode.
/// state_dict: "encoder.0.weight", "gru.weight_ih_l0", "head.weight".
/// </summary>
public sealed class GridRecogniserNetwork : nn.Module<Tensor, Tensor>
{
    private const int KernelSize = 5;
    private const int NormGroups = 8;

    private readonly Sequential encoder;
    private readonly GRU gru;
    private readonly Dropout dropout;
    private readonly Linear head;

    /// <param name="mel_bands">Input feature bands.</param>
    /// <param name="channels">Convolution channels (a multiple of 8, the GroupNorm groups).</param>
    /// <param name="hidden">GRU hidden size per direction.</param>
    /// <param name="segments">Equal spans of the clip the GRU output is averaged over before the heads.</param>
    /// <param name="dropout">Dropout on the pooled features during training.</param>
    public GridRecogniserNetwork(long mel_bands, long channels, long hidden, long segments, double dropout = 0.0)
        : base(nameof(GridRecogniserNetwork))
    {
        if (channels % NormGroups != 0)
            throw new ArgumentException($"channels ({channels}) must be a multiple of the {NormGroups} norm groups", nameof(channels));
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        encoder = torch.nn.Sequential(
            ("0", torch.nn.Conv1d(mel_bands, channels, KernelSize, padding: KernelSize / 2)),
            ("1", torch.nn.GroupNorm(NormGroups, channels)),
            ("2", torch.nn.ReLU()),
            ("3", torch.nn.Conv1d(channels, channels, KernelSize, stride: 2, padding: KernelSize / 2)),
            ("4", torch.nn.GroupNorm(NormGroups, channels)),
            ("5", torch.nn.ReLU()),
            ("6", torch.nn.Conv1d(channels, channels, KernelSize, stride: 2, padding: KernelSize / 2)),
            ("7", torch.nn.GroupNorm(NormGroups, channels)),
            ("8", torch.nn.ReLU())
        );
        gru = torch.nn.GRU(channels, hidden, batchFirst: true, bidirectional: true);
        this.dropout = torch.nn.Dropout(dropout);
        // Rows GridSlots.Offsets[k]… are slot k's head; the softmaxes are taken per slot (GridSlots.Loss / Predict).
        head = torch.nn.Linear(2 * hidden * segments, GridSlots.Width);
        MelBands = mel_bands;
        Segments = segments;
        RegisterComponents();
        // PyTorch's GroupNorm starts at weight 1, bias 0; TorchSharp 0.107's leaves both uninitialised (torch.empty).
        using var _ = torch.no_grad();
        foreach (var norm in encoder.children().OfType<GroupNorm>())
        {
            norm.weight!.fill_(Scalars.Of(1));
            norm.bias!.zero_();
        }
    }

    public long MelBands { get; }
    public long Segments { get; }

    /// <summary>The convolutional encoder's maps [B, channels, frames / 4] of features [B, mels, frames]: what a perceptual loss compares.</summary>
    public Tensor Encode(Tensor features) => encoder.call(features);

    /// <summary>features [B, mels, frames] → logits [B, 51].</summary>
    public override Tensor forward(Tensor features)
    {
        if (features.dim() != 3 || features.size(1) != MelBands)
            throw new ArgumentException(
                $"the recogniser takes features [batch, {MelBands}, frames], got [{string.Join(", ", features.shape)}]",
                nameof(features)
            );
        using var scope = torch.NewDisposeScope();
        var encoded = Encode(features).transpose(1, 2); // [B, T/4, C]
        var (sequence, _) = gru.call(encoded); // [B, T/4, 2H]
        var pooled = torch.nn.functional.adaptive_avg_pool1d(sequence.transpose(1, 2), Segments); // [B, 2H, segments]
        return scope.MoveToOuter(head.call(dropout.call(pooled.flatten(1))));
    }
}
