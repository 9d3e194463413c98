using Dino.Repro.Data.Grid;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>A word as it is spoken in an utterance: its timing and the visemes of its phonemes, in order.</summary>
public sealed record SpokenWord(GridWord Timing, IReadOnlyList<Viseme> Visemes);

/// <summary>
/// The mouth shape in every video frame of an utterance: a word's visemes share its duration in proportion to their
/// relative durations (vowels longer than consonants), the mouth
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
        return Smooth(raw);
    }

    /// <summary>
    /// As <see cref="Of(IReadOnlyList{SpokenWord}, int, double)"/>, with the jaw also following loudness inside words:
    /// a viseme's opening is scaled by 0.35 + 0.65·L, L = the frame's RMS over the loudest frame's (the lip
    /// aperture of real talkers tracks the speech envelope; Chandrasekaran et al. 2009). One frame per
    /// <paramref name="samples"/>.Length / frames samples.
    /// </summary>
    public static MouthShape[] Of(IReadOnlyList<SpokenWord> words, float[] samples, int frames, double fps)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var hop = samples.Length / frames;
        if (hop == 0)
            throw new ArgumentException($"{samples.Length} samples cannot fill {frames} frames", nameof(samples));
        var rms = Enumerable.Range(0, frames).Select(k => Math.Sqrt(samples.AsSpan(k * hop, hop).ToArray().Average(s => (double)s * s))).ToArray();
        var loudest = rms.Max();
        var raw = new MouthShape[frames];
        for (var k = 0; k < frames; k++)
        {
            var seconds = (k + 0.5) / fps;
            raw[k] = At(words, seconds);
            if (loudest > 0 && words.Any(w => seconds >= w.Timing.StartSeconds && seconds < w.Timing.EndSeconds))
                raw[k] = raw[k] with { Opening = raw[k].Opening * (0.35 + 0.65 * rms[k] / loudest) };
        }
        return Smooth(raw);
    }

    private static MouthShape[] Smooth(MouthShape[] raw)
    {
        var frames = raw.Length;
        var smooth = new MouthShape[frames];
        for (var k = 0; k < frames; k++)
        {
            var before = raw[Math.Max(0, k - 1)];
            var after = raw[Math.Min(frames - 1, k + 1)];
            smooth[k] = new MouthShape(
                0.25 * before.Opening + 0.5 * raw[k].Opening + 0.25 * after.Opening,
                0.25 * before.Width + 0.5 * raw[k].Width + 0.25 * after.Width,
                0.25 * before.Rounding + 0.5 * raw[k].Rounding + 0.25 * after.Rounding
            );
        }
        return smooth;
    }

    /// <summary>The unsmoothed shape at <paramref name="seconds"/>.</summary>
    public static MouthShape At(IReadOnlyList<SpokenWord> words, double seconds)
    {
        foreach (var word in words)
        {
            var (start, end) = (word.Timing.StartSeconds, word.Timing.EndSeconds);
            if (seconds < start || seconds >= end || word.Visemes.Count == 0)
                continue;
            var position = (seconds - start) / (end - start) * word.Visemes.Sum(v => v.RelativeDuration);
            foreach (var viseme in word.Visemes)
            {
                if (position < viseme.RelativeDuration)
                    return viseme.Shape;
                position -= viseme.RelativeDuration;
            }
            return word.Visemes[^1].Shape;
        }
        return MouthShape.Rest;
    }
}
