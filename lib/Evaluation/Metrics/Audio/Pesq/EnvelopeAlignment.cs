namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Crude delay from the cross-correlation of the two log-VAD envelopes (P.862): the lag of the
/// highest positive correlation, in whole envelope windows.
/// </summary>
internal static class EnvelopeAlignment
{
    /// <summary>Delay of the whole degraded signal, in samples.</summary>
    public static int WholeSignalDelay(VoiceActivity reference, VoiceActivity degraded, PesqRate rate) =>
        LagInWindows(reference.LogLevel, 0, reference.LogLevel.Length, degraded.LogLevel, 0, degraded.LogLevel.Length) * rate.Downsample;

    /// <summary>Delay of the reference windows [searchStart, searchEnd), searching around <paramref name="delayEstimate"/>
    /// samples; the result is delayEstimate plus a whole number of windows.</summary>
    public static int SectionDelay(VoiceActivity reference, VoiceActivity degraded, int searchStart, int searchEnd, int delayEstimate, PesqRate rate)
    {
        var startR = searchStart;
        var startD = startR + delayEstimate / rate.Downsample;
        if (startD < 0)
        {
            startR = -delayEstimate / rate.Downsample;
            startD = 0;
        }
        var nr = searchEnd - startR;
        var nd = Math.Min(nr, degraded.LogLevel.Length - startD);
        return LagInWindows(reference.LogLevel, startR, nr, degraded.LogLevel, startD, nd) * rate.Downsample + delayEstimate;
    }

    private static int LagInWindows(float[] reference, int startR, int nr, float[] degraded, int startD, int nd)
    {
        if (nr <= 1 || nd <= 1)
            return 0;
        var correlation = SinglePrecisionFft.CrossCorrelate(reference.AsSpan(startR, nr), degraded.AsSpan(startD, nd));
        var best = nr - 1;
        var max = 0f;
        for (var i = 0; i < correlation.Length; i++)
        {
            if (correlation[i] > max)
            {
                max = correlation[i];
                best = i;
            }
        }
        return best - nr + 1;
    }
}
