namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's audio-conditional instance norm (acIN): each map normalised over its H × W (biased variance,
/// eps 1e-5, no learned affine), then scaled and shifted by a per-frame [mean | std] the generator computes from the
/// frame's sound descriptor (a Linear to 2C and LeakyReLU 0.2 per layer, <see cref="SoundToVideoFrameGenerator"/>).
/// </summary>
public static class AudioConditionalInstanceNorm
{
    public const double Eps = 1e-5;

    /// <param name="input">[B, C, H, W].</param>
    /// <param name="meanStd">[B, 2C]: the target means, then the target standard deviations.</param>
    public static Tensor Apply(Tensor input, Tensor meanStd)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(meanStd);
        var (batch, channels) = (input.size(0), input.size(1));
        if (input.dim() != 4 || !meanStd.shape.SequenceEqual([batch, 2 * channels]))
            throw new ArgumentException(
                $"acIN takes maps [B, C, H, W] and a condition [B, 2C], "
                    + $"got [{string.Join(", ", input.shape)}] and [{string.Join(", ", meanStd.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var mean = input.mean([-2, -1], keepdim: true);
        var variance = input.var([-2, -1], unbiased: false, keepdim: true);
        var normalised = input.sub(mean).div(variance.add(Scalars.Of(Eps)).sqrt());
        var targetMean = meanStd.narrow(1, 0, channels).view(batch, channels, 1, 1);
        var targetStd = meanStd.narrow(1, channels, channels).view(batch, channels, 1, 1);
        return normalised.mul(targetStd).add(targetMean).MoveToOuterDisposeScope();
    }
}
