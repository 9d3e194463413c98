namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// STOI's removal of silent frames (Taal 2011, sec. II-C; pystoi remove_silent_frames): Hann-windowed frames whose
/// reference energy is <c>dynamicRange</c> dB or more below the loudest reference frame are dropped from both
/// signals, and the kept frames are overlap-added back into two shorter signals.
/// </summary>
internal static class SilentFrameRemoval
{
    public static (double[] reference, double[] degraded) Apply(double[] reference, double[] degraded, double dynamicRange, int frameLength, int hop)
    {
        var window = NumpyWindows.Hanning(frameLength + 2)[1..^1];
        var starts = StoiFraming.FrameStarts(reference.Length, frameLength, hop);
        var energies = new double[starts.Length];
        for (var f = 0; f < starts.Length; f++)
        {
            double sum = 0;
            for (var n = 0; n < frameLength; n++)
            {
                var v = window[n] * reference[starts[f] + n];
                sum += v * v;
            }
            energies[f] = 20 * Math.Log10(Math.Sqrt(sum) + StoiFraming.Eps);
        }
        var loudest = energies.Length == 0 ? 0 : energies.Max();
        var kept = Enumerable.Range(0, starts.Length).Where(f => loudest - dynamicRange - energies[f] < 0).ToArray();
        return (OverlapAdd(reference, starts, kept, window, hop), OverlapAdd(degraded, starts, kept, window, hop));
    }

    /// <summary>The kept windowed frames, frame i placed at i·hop: length (kept − 1)·hop + frameLength.</summary>
    private static double[] OverlapAdd(double[] signal, int[] starts, int[] kept, double[] window, int hop)
    {
        if (kept.Length == 0)
            return Array.Empty<double>();
        var output = new double[(kept.Length - 1) * hop + window.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            var start = starts[kept[i]];
            for (var n = 0; n < window.Length; n++)
                output[i * hop + n] += window[n] * signal[start + n];
        }
        return output;
    }
}
