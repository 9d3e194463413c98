namespace Dino.Repro.Models.Dino;

/// <summary>
/// Options of bidirectional DINO (paper §3.1, Eq. 7): one-way DINO's (<see cref="DinoOptions"/>) plus the branch
/// point. Here <see cref="DinoOptions.NoiseSize"/> and <see cref="DinoOptions.NoiseStd"/> hold for both players (z₁ for
/// F, z₂ for R), <see cref="DinoOptions.Margin"/>, <see cref="DinoOptions.Gamma"/>, <see cref="DinoOptions.BalanceGain"/>
/// and <see cref="DinoOptions.InitialK"/> for both controllers, and <see cref="DinoOptions.ReconstructionWeight"/> λ
/// weighs an MSE reconstruction term, not L1 (the reference's bidirectional loss).
/// </summary>
public sealed record BidirectionalDinoOptions : DinoOptions
{
    /// <summary>
    /// L, the decoder layer where the critic head branches off (reference <c>--dual</c>): layers [0, L) are shared, layers
    /// L… are copied into the head. Index 0 is the first ConvTranspose, the last index the final resize conv, so L lies
    /// in [0, log2(resolution) − 2]. Default 3: right after the third decoder layer, the paper's best.
    /// </summary>
    public int BranchLayer { get; init; } = 3;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        var decoderLayers = System.Numerics.BitOperations.Log2((uint)Math.Max(Resolution, 1)) - 1;
        if (BranchLayer < 0 || BranchLayer >= decoderLayers)
            yield return $"branch_layer must lie in [0, {decoderLayers - 1}] at resolution {Resolution} (the decoder has {decoderLayers} layers; "
                + $"got {BranchLayer})";
    }
}
