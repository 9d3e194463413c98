namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// From frame disturbances to the raw PESQ score (P.862): each frame divided by
/// ((E_ref + 10⁵)/10⁷)^0.04 of its audible reference power and capped at 45, an L6 norm over split-second
/// intervals of 20 frames (320 ms) overlapping by half, an L2 norm of those over time, and
/// MOS = 4.5 − 0.1 D − 0.0309 A.
/// </summary>
internal static class DisturbanceAggregation
{
    private const float SyllablePower = 6;
    private const float TimePower = 2;
    private const int FramesPerSyllable = 20;
    private const float MaxFrameDisturbance = 45;

    public static float RawMos(
        float[] symmetric,
        float[] asymmetric,
        float[] audibleReferencePower,
        int startFrame,
        int stopFrame,
        float[] timeWeight
    )
    {
        for (var f = 0; f <= stopFrame; f++)
        {
            var h = (float)Math.Pow((audibleReferencePower[f] + 1e5) / 1e7, 0.04);
            symmetric[f] = Math.Min(symmetric[f] / h, MaxFrameDisturbance);
            asymmetric[f] = Math.Min(asymmetric[f] / h, MaxFrameDisturbance);
        }
        var d = SplitSecondNorm(symmetric, startFrame, stopFrame, timeWeight);
        var a = SplitSecondNorm(asymmetric, startFrame, stopFrame, timeWeight);
        return (float)(4.5 - 0.1 * d - 0.0309 * a);
    }

    /// <summary>Frame weights: 1, except for recordings over 1000 frames (16 s), where early frames weigh less
    /// (linearly rising; the first weighs 1 − min((n − 1000)/5500, 0.5)).</summary>
    public static float[] TimeWeights(int stopFrame, long framesInSignal)
    {
        var weights = new float[stopFrame + 1];
        for (var f = 0; f <= stopFrame; f++)
        {
            var h = 1f;
            if (stopFrame + 1 > 1000)
            {
                double factor = (framesInSignal - 1000f) / 5500f;
                if (factor > 0.5f)
                    factor = 0.5f;
                h = (float)((1f - factor) + factor * f / (float)framesInSignal);
            }
            weights[f] = h;
        }
        return weights;
    }

    /// <summary>L6 within each 20-frame interval (a short interval at the end still divides by 20), then the
    /// weighted L2 over the intervals. The weight of an interval is that of the frame at its offset from the start.</summary>
    public static float SplitSecondNorm(float[] disturbance, int startFrame, int stopFrame, float[] timeWeight)
    {
        double total = 0,
            totalWeight = 0;
        for (var first = startFrame; first <= stopFrame; first += FramesPerSyllable / 2)
        {
            double syllable = 0;
            for (var f = first; f < first + FramesPerSyllable && f <= stopFrame; f++)
                syllable += Math.Pow(disturbance[f], SyllablePower);
            syllable = Math.Pow(syllable / FramesPerSyllable, 1.0 / SyllablePower);
            var weight = timeWeight[first - startFrame];
            total += Math.Pow(weight * syllable, TimePower);
            totalWeight += Math.Pow(weight, TimePower);
        }
        return (float)Math.Pow(total / totalWeight, 1f / TimePower);
    }
}
