namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// The mel cepstrum of mel-cepstral-distance 0.0.4 (Taubert) with its defaults: the signal divided by its own
/// max |x|; frames of 32 ms at a hop of 8 ms from sample 0 while start &lt; length − window (no padding); a
/// symmetric numpy.hanning window; |rfft|²; M = 20 triangular filters on the HTK mel scale whose edges are FFT
/// bins; log10(energy + eps); MC_i = Σ_{n=1..M} log E_n·cos(i·(n − ½)·π/M), i = 1..M (Kubichek 1993, eq. 1).
/// </summary>
internal static class TaubertMelCepstrum
{
    public const double WindowMs = 32;
    public const double HopMs = 8;
    public const int MelBands = 20;
    private const double Eps = 2.220446049250313e-16;

    /// <summary>Milliseconds to whole samples (exact for the 8/16/32/48 kHz rates the kit uses).</summary>
    public static int Samples(double ms, int sampleRate) => (int)(ms * sampleRate / 1000);

    /// <summary>The cepstrum [frame][i − 1] for i = 1..M of <paramref name="samples"/> (already checked).</summary>
    public static double[][] Compute(double[] samples, int sampleRate)
    {
        var windowLength = Samples(WindowMs, sampleRate);
        var hop = Samples(HopMs, sampleRate);
        var peak = samples.Max(Math.Abs);
        var window = NumpyWindows.Hanning(windowLength);
        var filters = MelFilters(windowLength, sampleRate, MelBands);
        var frameCount = samples.Length - windowLength <= 0 ? 0 : (samples.Length - windowLength + hop - 1) / hop;
        var cepstra = new double[frameCount][];
        var frame = new double[windowLength];
        var logEnergy = new double[MelBands];
        for (var f = 0; f < frameCount; f++)
        {
            var start = f * hop;
            for (var n = 0; n < windowLength; n++)
                frame[n] = samples[start + n] / peak * window[n];
            var power = PowerSpectrum.Compute(frame, windowLength);
            for (var m = 0; m < MelBands; m++)
            {
                double energy = 0;
                for (var k = 0; k < power.Length; k++)
                    energy += filters[m][k] * power[k];
                logEnergy[m] = Math.Log10(energy + Eps);
            }
            var mc = new double[MelBands];
            for (var i = 1; i <= MelBands; i++)
            {
                double sum = 0;
                for (var n = 1; n <= MelBands; n++)
                    sum += logEnergy[n - 1] * Math.Cos(i * (n - 0.5) * Math.PI / MelBands);
                mc[i - 1] = sum;
            }
            cepstra[f] = mc;
        }
        return cepstra;
    }

    /// <summary>
    /// Triangular filters [m][bin] over nFft/2 + 1 bins: M + 2 points equally spaced on the mel scale
    /// 2595·log10(1 + f/700) from 0 to fs/2, each mapped to bin ⌊(nFft + 1)·f/fs⌋; filter m rises from bin
    /// b[m−1] to b[m] and falls to b[m+1].
    /// </summary>
    public static double[][] MelFilters(int nFft, int sampleRate, int count)
    {
        var highMel = 2595 * Math.Log10(1 + sampleRate / 2.0 / 700);
        var bins = new double[count + 2];
        var step = highMel / (count + 1);
        for (var p = 0; p < bins.Length; p++)
        {
            var mel = p == count + 1 ? highMel : p * step; // numpy.linspace(0, high, M + 2)
            var hz = 700 * (Math.Pow(10, mel / 2595) - 1);
            bins[p] = Math.Floor((nFft + 1) * hz / sampleRate);
        }
        var filters = new double[count][];
        for (var m = 1; m <= count; m++)
        {
            var filter = new double[nFft / 2 + 1];
            int left = (int)bins[m - 1],
                centre = (int)bins[m],
                right = (int)bins[m + 1];
            for (var k = left; k < centre; k++)
                filter[k] = (k - bins[m - 1]) / (bins[m] - bins[m - 1]);
            for (var k = centre; k < right; k++)
                filter[k] = (bins[m + 1] - k) / (bins[m + 1] - bins[m]);
            filters[m - 1] = filter;
        }
        return filters;
    }
}
