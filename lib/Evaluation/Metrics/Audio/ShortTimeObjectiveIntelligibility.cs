namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// STOI (Taal, Hendriks, Heusdens, Jensen 2011), as pystoi 0.4.1 stoi(x, y, fs, extended=False): band envelopes
/// at 10 kHz (see <see cref="StoiFraming"/>), then per 30-frame segment and band the correlation between the
/// reference envelope and the normalised, clipped degraded envelope, averaged over segments and bands.
/// </summary>
public static class ShortTimeObjectiveIntelligibility
{
    private const string Name = "STOI";

    /// <summary>Lower signal-to-distortion bound β = −15 dB (Taal 2011, eq. 3).</summary>
    private const double BetaDb = -15;

    public static IntelligibilityResult Compute(float[] reference, float[] degraded, int sampleRate) =>
        Compute(AudioMetricInput.ToDouble(reference), AudioMetricInput.ToDouble(degraded), sampleRate);

    public static IntelligibilityResult Compute(double[] reference, double[] degraded, int sampleRate)
    {
        var (x, y) = StoiFraming.Envelopes(reference, degraded, sampleRate, Name);
        if (x.Length < StoiFraming.SegmentFrames)
            return TooShort(x.Length);

        var clip = 1 + Math.Pow(10, -BetaDb / 20);
        var segments = x.Length - StoiFraming.SegmentFrames + 1;
        const int n = StoiFraming.SegmentFrames;
        var xs = new double[n];
        var ys = new double[n];
        double total = 0;
        for (var m = 0; m < segments; m++)
        {
            for (var b = 0; b < StoiFraming.Bands; b++)
            {
                for (var t = 0; t < n; t++)
                {
                    xs[t] = x[m + t][b];
                    ys[t] = y[m + t][b];
                }
                // Normalise the degraded envelope to the reference energy and clip it (Taal 2011, eq. 3).
                var alpha = StoiFraming.Norm(xs) / (StoiFraming.Norm(ys) + StoiFraming.Eps);
                for (var t = 0; t < n; t++)
                    ys[t] = Math.Min(ys[t] * alpha, xs[t] * clip);
                // Sample correlation coefficient of the two envelopes (Taal 2011, eq. 4).
                Center(ys);
                Center(xs);
                var yNorm = StoiFraming.Norm(ys) + StoiFraming.Eps;
                var xNorm = StoiFraming.Norm(xs) + StoiFraming.Eps;
                for (var t = 0; t < n; t++)
                    total += ys[t] / yNorm * (xs[t] / xNorm);
            }
        }
        // Average over bands and segments (Taal 2011, eq. 5).
        return new IntelligibilityResult(total / (segments * StoiFraming.Bands), x.Length, segments, null);
    }

    internal static IntelligibilityResult TooShort(int frames) =>
        new(
            StoiFraming.TooShortValue,
            frames,
            0,
            $"only {frames} non-silent frames at 10 kHz, fewer than the {StoiFraming.SegmentFrames} of one segment (384 ms): "
                + $"the value is pystoi's placeholder {StoiFraming.TooShortValue:G}, not a measurement"
        );

    private static void Center(double[] v)
    {
        var mean = StoiFraming.Mean(v);
        for (var i = 0; i < v.Length; i++)
            v[i] -= mean;
    }
}
