namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Delay of one utterance to the sample (P.862): starting from its envelope estimate, 64 ms frames
/// hopped by 16 ms vote for their best lags; the histogram of votes, smoothed by a triangular kernel (circular
/// convolution in the frequency domain) and normalised by the vote total, peaks at the delay.
/// </summary>
internal static class FineAlignment
{
    public static void Apply(Utterance utterance, PesqSignal reference, PesqSignal degraded, FrameCorrelation correlation, PesqRate rate)
    {
        var n = correlation.Length;
        var votes = new float[n];
        var estimate = utterance.DelayEstimate;
        var startR = utterance.SearchStart * rate.Downsample;
        var startD = startR + estimate;
        if (startD < 0)
        {
            startR = -estimate;
            startD = 0;
        }
        while (startD + n <= degraded.Length && startR + n <= utterance.SearchEnd * rate.Downsample)
        {
            var (lags, weight) = correlation.Votes(reference.Data, startR, degraded.Data, startD);
            foreach (var lag in lags)
                votes[lag] += weight;
            startR += n / 4;
            startD += n / 4;
        }

        var total = 0f;
        foreach (var v in votes)
            total += v;
        var smoothed = SmoothCircular(votes, n / 64);
        for (var i = 0; i < n; i++)
            smoothed[i] = total > 0.0 ? Math.Abs(smoothed[i]) / total : 0f;
        var (index, height) = DelayHistogram.HighestBin(smoothed);
        utterance.Delay = estimate + correlation.SignedLag(index);
        utterance.DelayConfidence = height;
    }

    /// <summary>Circular convolution with the triangle 1 − |k|/kernel, |k| &lt; kernel, through the FFT.</summary>
    private static float[] SmoothCircular(float[] values, int kernel)
    {
        var n = values.Length;
        var x = new float[n + 2];
        var h = new float[n + 2];
        Array.Copy(values, x, n);
        h[0] = 1f;
        for (var k = 1; k < kernel; k++)
            h[k] = h[n - k] = 1f - (float)k / kernel;
        SinglePrecisionFft.RealForward(x, n);
        SinglePrecisionFft.RealForward(h, n);
        for (var k = 0; k <= n / 2; k++)
        {
            float r1 = x[2 * k],
                i1 = x[2 * k + 1];
            x[2 * k] = r1 * h[2 * k] - i1 * h[2 * k + 1];
            x[2 * k + 1] = r1 * h[2 * k + 1] + i1 * h[2 * k];
        }
        SinglePrecisionFft.RealInverse(x, n);
        return x[..n];
    }
}
