namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The re-split test (P.862): an utterance with at least 800 ms of speech may hold a delay change.
/// Up to 40 breakpoints are tried; for each, the part before it (aligned forwards from the utterance start) and the
/// part after it (aligned backwards from its end) get their own delay histograms. When both parts are aligned more
/// confidently than the whole and their delays differ by at least one envelope window, the utterance is split at
/// the best breakpoint, and the first part is tested again.
/// </summary>
internal sealed class UtteranceSplitting
{
    private const int MaxUtterances = 50;
    private const int MaxBreakpoints = 40;

    /// <summary>Shortest speech (in envelope windows, 800 ms) worth testing for a split.</summary>
    private const int MinSpeechWindows = 200;

    private readonly PesqSignal reference;
    private readonly PesqSignal degraded;
    private readonly VoiceActivity referenceVad;
    private readonly VoiceActivity degradedVad;
    private readonly FrameCorrelation correlation;
    private readonly PesqRate rate;

    public UtteranceSplitting(
        PesqSignal reference,
        PesqSignal degraded,
        VoiceActivity referenceVad,
        VoiceActivity degradedVad,
        FrameCorrelation correlation,
        PesqRate rate
    )
    {
        this.reference = reference;
        this.degraded = degraded;
        this.referenceVad = referenceVad;
        this.degradedVad = degradedVad;
        this.correlation = correlation;
        this.rate = rate;
    }

    public void Apply(List<Utterance> utterances)
    {
        var ds = rate.Downsample;
        var sb = PesqRate.SearchBufferWindows;
        var u = 0;
        while (u < utterances.Count && utterances.Count < MaxUtterances)
        {
            var whole = utterances[u];
            var vad = referenceVad.Level;
            var speechStart = whole.Start;
            while (speechStart < whole.End && vad[speechStart] <= 0)
                speechStart++;
            var speechEnd = whole.End;
            while (speechEnd > whole.Start && vad[speechEnd] <= 0)
                speechEnd--;
            speechEnd++;
            if (speechEnd - speechStart < MinSpeechWindows || BestSplit(whole, speechStart, speechEnd) is not { } split)
            {
                u++;
                continue;
            }

            var (first, second, breakpoint) = split;
            first.Start = whole.Start;
            second.End = whole.End;
            first.SearchStart = second.SearchStart = whole.SearchStart;
            first.SearchEnd = second.SearchEnd = whole.SearchEnd;
            // When the delay grows, the parts overlap by half the jump on each side of the breakpoint, as the reference does.
            var overlap = second.Delay < first.Delay ? 0 : (second.Delay - first.Delay) / (2 * ds);
            first.End = breakpoint + overlap;
            second.Start = breakpoint - overlap;
            if ((first.Start - sb) * ds + first.Delay < 0)
                first.Start = sb + (ds - 1 - first.Delay) / ds;
            if (second.End * ds + second.Delay > degraded.Length - sb * ds)
                second.End = (degraded.Length - second.Delay) / ds - sb;
            utterances[u] = first;
            utterances.Insert(u + 1, second);
        }
    }

    /// <summary>The two parts (delays and confidences set) and the breakpoint window, or null when no split is better.</summary>
    private (Utterance first, Utterance second, int breakpoint)? BestSplit(Utterance whole, int speechStart, int speechEnd)
    {
        var ds = rate.Downsample;
        var length = speechEnd - speechStart;
        var delta = correlation.Length / (4 * ds);
        var step = (int)((0.801 * length + 40 * delta - 1) / (40 * delta)) * delta;
        var pad = Math.Max(length / 10, 75);
        var breakpoints = new List<int> { speechStart + pad };
        while (true)
        {
            var next = breakpoints[^1] + step;
            if (next > speechEnd - pad || breakpoints.Count >= MaxBreakpoints)
                break;
            breakpoints.Add(next);
        }

        var count = breakpoints.Count;
        var before = new Utterance[count];
        var after = new Utterance[count];
        for (var bp = 0; bp < count; bp++)
        {
            before[bp] = new Utterance
            {
                DelayEstimate = EnvelopeAlignment.SectionDelay(referenceVad, degradedVad, whole.Start, breakpoints[bp], whole.DelayEstimate, rate),
                DelayConfidence = Unset,
            };
            after[bp] = new Utterance
            {
                DelayEstimate = EnvelopeAlignment.SectionDelay(referenceVad, degradedVad, breakpoints[bp], whole.End, whole.DelayEstimate, rate),
            };
        }
        AlignForwards(before, breakpoints, whole.Start);
        for (var bp = 0; bp < count; bp++)
            after[bp].DelayConfidence = before[bp].DelayConfidence > whole.DelayConfidence ? Unset : 0f;
        AlignBackwards(after, breakpoints, whole.End);

        (Utterance, Utterance, int)? best = null;
        var bestConfidence = 0f;
        for (var bp = 0; bp < count; bp++)
        {
            var (a, b) = (before[bp], after[bp]);
            if (
                Math.Abs(b.Delay - a.Delay) >= ds
                && a.DelayConfidence + b.DelayConfidence > bestConfidence
                && a.DelayConfidence > whole.DelayConfidence
                && b.DelayConfidence > whole.DelayConfidence
            )
            {
                best = (a, b, breakpoints[bp]);
                bestConfidence = a.DelayConfidence + b.DelayConfidence;
            }
        }
        return best;
    }

    /// <summary>Confidence of a part not aligned yet.</summary>
    private const float Unset = -2f;

    /// <summary>Parts from the utterance start to each breakpoint. Parts with the same envelope delay share one pass:
    /// the histogram of a shorter part is continued for the next breakpoint.</summary>
    private void AlignForwards(Utterance[] parts, List<int> breakpoints, int utteranceStart)
    {
        var n = correlation.Length;
        while (Array.FindIndex(parts, p => p.DelayConfidence <= Unset) is var first and >= 0)
        {
            var estimate = parts[first].DelayEstimate;
            var histogram = new DelayHistogram(correlation);
            var startR = utteranceStart * rate.Downsample;
            var startD = startR + estimate;
            if (startD < 0)
            {
                startR = -estimate;
                startD = 0;
            }
            for (var bp = first; bp < parts.Length; bp++)
            {
                if (bp > first && !(parts[bp].DelayEstimate == estimate && parts[bp].DelayConfidence <= Unset))
                    continue;
                while (startD + n <= degraded.Length && startR + n <= breakpoints[bp] * rate.Downsample)
                {
                    histogram.Add(reference.Data, startR, degraded.Data, startD);
                    startR += n / 4;
                    startD += n / 4;
                }
                SetPeak(parts[bp], histogram, estimate);
            }
        }
    }

    /// <summary>Parts from each breakpoint to the utterance end, aligned from the end backwards.</summary>
    private void AlignBackwards(Utterance[] parts, List<int> breakpoints, int utteranceEnd)
    {
        var n = correlation.Length;
        while (Array.FindLastIndex(parts, p => p.DelayConfidence <= Unset) is var last and >= 0)
        {
            var estimate = parts[last].DelayEstimate;
            var histogram = new DelayHistogram(correlation);
            var startR = utteranceEnd * rate.Downsample - n;
            var startD = startR + estimate;
            if (startD + n > degraded.Length)
            {
                startD = degraded.Length - n;
                startR = startD - estimate;
            }
            for (var bp = last; bp >= 0; bp--)
            {
                if (bp < last && !(parts[bp].DelayEstimate == estimate && parts[bp].DelayConfidence <= Unset))
                    continue;
                while (startD >= 0 && startR >= breakpoints[bp] * rate.Downsample)
                {
                    histogram.Add(reference.Data, startR, degraded.Data, startD);
                    startR -= n / 4;
                    startD -= n / 4;
                }
                SetPeak(parts[bp], histogram, estimate);
            }
        }
    }

    private static void SetPeak(Utterance part, DelayHistogram histogram, int estimate)
    {
        var (lag, confidence) = histogram.Peak();
        part.Delay = estimate + lag;
        part.DelayConfidence = confidence;
    }
}
