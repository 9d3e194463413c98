using Dino.Repro.Torch;
using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// Attention pooling with one learned query per slot: a linear score per (time step, slot), a softmax over time,
/// and the score-weighted sum of the sequence. Each slot learns to look where its word is spoken.
/// sequence [B, T, D] → pooled [B, slots, D]. state_dict "score.weight", "score.bias".
/// </summary>
public sealed class SlotAttention : Module<Tensor, Tensor>
{
    private readonly Linear score;

    public SlotAttention(long features, long slots) : base(nameof(SlotAttention))
    {
        score = torch.nn.Linear(features, slots);
        RegisterComponents();
    }

    /// <summary>The attention weights [B, slots, T]; each row sums to 1 over time.</summary>
    public Tensor Weights(Tensor sequence)
    {
        using var scores = score.call(sequence);                     // [B, T, slots]
        using var bySlot = scores.transpose(1, 2);
        return torch.nn.functional.softmax(bySlot, -1);
    }

    public override Tensor forward(Tensor sequence)
    {
        if (sequence.dim() != 3) throw new ArgumentException($"slot attention takes [batch, time, features], got [{string.Join(", ", sequence.shape)}]", nameof(sequence));
        using var weights = Weights(sequence);
        return weights.bmm(sequence);
    }
}
