namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The perceptual model of P.862 on the level-aligned, receive-filtered signals (of equal padded length)
/// and the utterance delays: 32 ms frames of the reference and of the degraded signal shifted by its utterance's
/// delay, pitch power densities, partial compensation of the transfer function (on the reference) and of short-term
/// gain (on the degraded signal), loudness, frame disturbances, frames skipped at large negative delay jumps,
/// bad intervals realigned, and the aggregation to the raw score.
/// </summary>
internal sealed class PerceptualModel
{
    /// <summary>A frame whose reference audible power (above 100 × threshold) is below this is silent.</summary>
    private const float SilenceLevel = 1e7f;

    /// <summary>Five consecutive |samples| summing below this are leading or trailing silence, in level-aligned units.</summary>
    private const float SilenceOfFiveSamples = 500f;

    private readonly PesqRate rate;
    private readonly BarkSpectrum spectrum;
    private readonly FrameDisturbance disturbance;

    public PerceptualModel(PesqRate rate)
    {
        this.rate = rate;
        spectrum = new BarkSpectrum(rate);
        disturbance = new FrameDisturbance(rate);
    }

    public float RawMos(PesqSignal reference, PesqSignal degraded, List<Utterance> utterances)
    {
        var length = Math.Max(reference.Length, degraded.Length);
        var hop = rate.FrameLength / 2;
        var sb = rate.SearchBuffer;
        var pad = rate.DataPadding;
        var skipStart = SilentSamples(reference.Data, length, sb, +1);
        var skipEnd = SilentSamples(reference.Data, length, length - sb + pad - 1, -1);
        var startFrame = skipStart / hop;
        var stopFrame = (length - 2 * sb + pad - skipEnd) / hop - 1;
        var frames = stopFrame + 1;

        var densityRef = new float[frames][];
        var densityDeg = new float[frames][];
        var silent = new bool[frames];
        for (var f = 0; f < frames; f++)
        {
            var startRef = sb + f * hop;
            densityRef[f] = spectrum.Frame(reference.Data, startRef);
            var startDeg = startRef + TimeAlignment.DelayAt(utterances, startRef, rate);
            densityDeg[f] =
                startDeg > 0 && startDeg + rate.FrameLength < length + pad ? spectrum.Frame(degraded.Data, startDeg) : new float[rate.Bands.Count];
            silent[f] = spectrum.TotalAudible(densityRef[f], 1e2f) < SilenceLevel;
        }

        CompensateTransferFunction(densityRef, densityDeg, silent, (length - 2 * sb + pad) / hop - 1);
        var symmetric = new float[frames];
        var asymmetric = new float[frames];
        var audibleRef = new float[frames];
        ScoreFrames(densityRef, densityDeg, 0, frames, symmetric, asymmetric, audibleRef, keepSmaller: false);
        // Whether to look for bad intervals is decided before frames at delay jumps are zeroed.
        var anyBadFrame = symmetric.Any(d => d > BadIntervals.BadFrameThreshold);
        SkipFramesAtDelayJumps(utterances, symmetric, asymmetric, stopFrame);

        if (anyBadFrame)
        {
            var intervals = BadIntervals.Find(symmetric, stopFrame);
            if (intervals.Count > 0)
            {
                var aligned = AlignedDegraded(degraded.Data, utterances, length);
                var realigned = BadIntervals.Realign(intervals, reference.Data, aligned, length, rate);
                foreach (var (start, stop) in intervals)
                {
                    for (var f = start; f < stop; f++)
                        densityDeg[f] = spectrum.Frame(realigned, sb + f * hop);
                    ScoreFrames(densityRef, densityDeg, start, stop, symmetric, asymmetric, audibleRef, keepSmaller: true);
                }
            }
        }

        var weights = DisturbanceAggregation.TimeWeights(stopFrame, (length - 2 * sb) / hop - 1);
        return DisturbanceAggregation.RawMos(symmetric, asymmetric, audibleRef, startFrame, stopFrame, weights);
    }

    /// <summary>Samples skipped from <paramref name="first"/> in direction <paramref name="step"/> while the five
    /// samples from there sum below <see cref="SilenceOfFiveSamples"/>, up to half the signal.</summary>
    private static int SilentSamples(float[] data, int length, int first, int step)
    {
        var skipped = 0;
        while (true)
        {
            var sum = 0f;
            for (var i = 0; i < 5; i++)
                sum += Math.Abs(data[first + step * (skipped + i)]);
            if (sum >= SilenceOfFiveSamples)
                return skipped;
            skipped++;
            if (skipped >= length / 2)
                return skipped;
        }
    }

    /// <summary>The reference is filtered by the ratio of the two long-term audible spectra (+1000, clipped to
    /// ±20 dB), so that linear filtering of the degraded signal is only partly penalised.</summary>
    private void CompensateTransferFunction(float[][] densityRef, float[][] densityDeg, bool[] silent, long divisor)
    {
        var averageRef = spectrum.AudibleAverage(densityRef, silent, divisor);
        var averageDeg = spectrum.AudibleAverage(densityDeg, silent, divisor);
        for (var b = 0; b < averageRef.Length; b++)
        {
            var x = (averageDeg[b] + 1000f) / (averageRef[b] + 1000f);
            x = Math.Clamp(x, 0.01f, 100f);
            foreach (var frame in densityRef)
                frame[b] *= x;
        }
    }

    /// <summary>Frames [from, to): the degraded density scaled by the smoothed ratio of audible powers (clipped to
    /// [3·10⁻⁴, 5]), then the frame disturbances (stored, or the smaller of old and new).</summary>
    private void ScoreFrames(
        float[][] densityRef,
        float[][] densityDeg,
        int from,
        int to,
        float[] symmetric,
        float[] asymmetric,
        float[] audibleRef,
        bool keepSmaller
    )
    {
        var previous = 1f;
        for (var f = from; f < to; f++)
        {
            var powerRef = spectrum.TotalAudible(densityRef[f], 1f);
            var powerDeg = spectrum.TotalAudible(densityDeg[f], 1f);
            if (!keepSmaller)
                audibleRef[f] = powerRef;
            var scale = (powerRef + 5e3f) / (powerDeg + 5e3f);
            if (f > 0)
                scale = 0.2f * previous + 0.8f * scale;
            previous = scale;
            scale = Math.Clamp(scale, 3e-4f, 5f);
            for (var b = 0; b < densityDeg[f].Length; b++)
                densityDeg[f][b] *= scale;

            var (d, a) = disturbance.Compute(densityRef[f], densityDeg[f]);
            symmetric[f] = keepSmaller ? Math.Min(symmetric[f], d) : d;
            asymmetric[f] = keepSmaller ? Math.Min(asymmetric[f], a) : a;
        }
    }

    /// <summary>Where the delay drops by more than half a frame between utterances, the degraded signal repeats
    /// itself: the frames from the boundary over the jump get no disturbance.</summary>
    private void SkipFramesAtDelayJumps(List<Utterance> utterances, float[] symmetric, float[] asymmetric, int stopFrame)
    {
        var hop = rate.FrameLength / 2;
        var ds = rate.Downsample;
        var sbw = PesqRate.SearchBufferWindows;
        for (var u = 1; u < utterances.Count; u++)
        {
            var (current, previous) = (utterances[u], utterances[u - 1]);
            var first = ((current.Start - sbw) * ds + current.Delay) / hop;
            var previousEnd = ((previous.End - sbw) * ds + previous.Delay) / hop;
            first = Math.Max(Math.Min(first, previousEnd), 0);
            var jump = current.Delay - previous.Delay;
            if (jump >= -hop)
                continue;
            var last = ((current.Start - sbw) * ds + Math.Abs(jump)) / hop + 1;
            for (var f = first; f <= last && f < stopFrame; f++)
            {
                symmetric[f] = 0;
                asymmetric[f] = 0;
            }
        }
    }

    /// <summary>The degraded signal with each reference sample's utterance delay applied (edges held).</summary>
    private float[] AlignedDegraded(float[] degraded, List<Utterance> utterances, int length)
    {
        var n = length + rate.DataPadding;
        var sb = rate.SearchBuffer;
        var aligned = new float[n];
        for (var i = sb; i < n - sb; i++)
        {
            var j = Math.Clamp(i + TimeAlignment.DelayAt(utterances, i, rate), sb, n - sb - 1);
            aligned[i] = degraded[j];
        }
        return aligned;
    }
}
