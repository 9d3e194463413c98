namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// The one-third-octave band matrix of STOI (pystoi's thirdoct, after Taal's stoi.m): band k covers the FFT bins
/// from the bin nearest 150·2^((2k−1)/6) Hz up to, not including, the bin nearest 150·2^((2k+1)/6) Hz.
/// </summary>
internal static class ThirdOctaveBands
{
    /// <summary>[band][first bin, end bin) for an <paramref name="nFft"/>-point FFT at <paramref name="sampleRate"/>.</summary>
    public static (int first, int end)[] Edges(int sampleRate, int nFft, int bands, double minFrequency)
    {
        var binCount = nFft / 2 + 1;
        // numpy.linspace(0, fs, nfft + 1)[:nfft/2 + 1]
        var step = (double)sampleRate / nFft;
        var frequency = new double[binCount];
        for (var k = 0; k < binCount; k++)
            frequency[k] = k * step;
        var edges = new (int, int)[bands];
        for (var k = 0; k < bands; k++)
        {
            var low = minFrequency * Math.Pow(2.0, (2.0 * k - 1) / 6);
            var high = minFrequency * Math.Pow(2.0, (2.0 * k + 1) / 6);
            edges[k] = (NearestBin(frequency, low), NearestBin(frequency, high));
        }
        return edges;
    }

    /// <summary>argmin of (f − target)²; the first bin wins a tie, as numpy.argmin.</summary>
    private static int NearestBin(double[] frequency, double target)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var k = 0; k < frequency.Length; k++)
        {
            var d = (frequency[k] - target) * (frequency[k] - target);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }
}
