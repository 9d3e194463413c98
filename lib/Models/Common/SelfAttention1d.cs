using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// SAGAN's self-attention (Zhang et al. 2019) over one axis: query and key 1×1 convolutions to C/8 channels, value to C,
/// attention softmax(qᵀk) over positions, output γ·(v·attentionᵀ) + x. γ starts at 0, so the block starts as the
/// identity and learns how much to attend (DINO's audio decoder puts one before its last layer).
/// </summary>
public sealed class SelfAttention1d : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d query,
        key,
        value;
    private readonly Parameter gamma;

    public SelfAttention1d(int channels)
        : base(nameof(SelfAttention1d))
    {
        if (channels < 8)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "self-attention needs at least 8 channels (queries have C/8)");
        Channels = channels;
        query = nn.Conv1d(channels, channels / 8, 1);
        key = nn.Conv1d(channels, channels / 8, 1);
        value = nn.Conv1d(channels, channels, 1);
        gamma = nn.Parameter(torch.zeros(1));
        RegisterComponents();
    }

    public int Channels { get; }

    /// <summary>γ, the weight of the attended values (0 at initialisation).</summary>
    public Parameter Gamma => gamma;

    /// <param name="x">[B, C, L].</param>
    /// <returns>[B, C, L].</returns>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 3 || x.size(1) != Channels)
            throw new ArgumentException($"self-attention over {Channels} channels takes [B, {Channels}, L], got [{string.Join(", ", x.shape)}]");
        using var scope = torch.NewDisposeScope();
        var energy = torch.bmm(query.call(x).permute(0, 2, 1), key.call(x)); // [B, L, L]: row i, how position i attends to each j
        var attention = energy.softmax(-1);
        var attended = torch.bmm(value.call(x), attention.permute(0, 2, 1)); // [B, C, L]
        return (gamma * attended + x).MoveToOuterDisposeScope();
    }
}
