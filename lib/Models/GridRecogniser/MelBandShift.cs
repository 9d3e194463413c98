namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// Training-time augmentation for unseen voices: moves a batch's features up or down by a few mel bands (a crude
/// vocal-tract-length perturbation: a longer tract lowers every formant by about the same mel distance). Bands moved
/// in at the edge repeat the edge band. features [B, mels, frames].
/// </summary>
public static class MelBandShift
{
    /// <summary>
    /// Shifts by a uniform whole number of bands in [−<paramref name="maxShift"/>, <paramref name="maxShift"/>] drawn from <paramref
    /// name="generator"/>.
    /// </summary>
    public static Tensor Apply(Tensor features, int maxShift, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        if (maxShift == 0)
            return features.alias();
        using var draw = torch.randint(2 * maxShift + 1, new long[] { 1 }, generator: generator);
        return Shift(features, (int)draw.ToInt64() - maxShift);
    }

    /// <summary>Band b of the result is band b − <paramref name="shift"/> of the input, clamped to the edges.</summary>
    public static Tensor Shift(Tensor features, int shift)
    {
        var bands = features.size(1);
        if (Math.Abs(shift) >= bands)
            throw new ArgumentOutOfRangeException(nameof(shift), shift, $"cannot shift {bands} bands by {shift}");
        if (shift == 0)
            return features.alias();
        using var scope = torch.NewDisposeScope();
        var moved =
            shift > 0
                ? torch.cat([features.narrow(1, 0, 1).expand(-1, shift, -1), features.narrow(1, 0, bands - shift)], 1)
                : torch.cat([features.narrow(1, -shift, bands + shift), features.narrow(1, bands - 1, 1).expand(-1, -shift, -1)], 1);
        return scope.MoveToOuter(moved.contiguous());
    }
}
