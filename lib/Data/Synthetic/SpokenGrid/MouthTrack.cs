using Dino.Repro.Data.Grid;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>A word as it is spoken in an utterance: its timing and the mouth shapes of its phonemes, in order.</summary>
public sealed record SpokenWord(GridWord Timing, IReadOnlyList<MouthShape> Visemes);

/// <summary>
/// The mouth shape in every video frame of an utterance: a word's visemes share its duration equally, the mouth
/// rests between words, and a [1/4, 1/2, 1/4] smoothing over neighbouring frames stands in for coarticulation
/// (the lips move towards the next shape before it sounds).
/// </summary>
public static class MouthTrack
{
    /// <summary>Shapes of <paramref name="frames"/> frames at <paramref name="fps"/>; frame k is sampled at its centre, (k + ½)/fps.</summary>
    public static MouthShape[] Of(IReadOnlyList<SpokenWord> words, int frames, double fps)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var raw = new MouthShape[frames];
        for (var k = 0; k < frames; k++)
            raw[k] = At(words, (k + 0.5) / fps);
        var smooth = new MouthShape[frames];
        for (var k = 0; k < frames; k++)
        {
            var before = raw[Math.Max(0, k - 1)];
            var after = raw[Math.Min(frames - 1, k + 1)];
            smooth[k] = new MouthShape(
                0.25 * before.Opening + 0.5 * raw[k].Opening + 0.25 * after.Opening,
                0.25 * before.Width + 0.5 * raw[k].Width + 0.25 * after.Width,
                0.25 * before.Rounding + 0.5 * raw[k].Rounding + 0.25 * after.Rounding);
        }
        return smooth;
    }

    /// <summary>The unsmoothed shape at <paramref name="seconds"/>.</summary>
    public static MouthShape At(IReadOnlyList<SpokenWord> words, double seconds)
    {
        foreach (var word in words)
        {
            var (start, end) = (word.Timing.StartSeconds, word.Timing.EndSeconds);
            if (seconds < start || seconds >= end || word.Visemes.Count == 0) continue;
            var index = (int)((seconds - start) / (end - start) * word.Visemes.Count);
            return word.Visemes[Math.Min(index, word.Visemes.Count - 1)];
        }
        return MouthShape.Rest;
    }
}
