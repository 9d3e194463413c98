namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// Extended STOI (Jensen &amp; Taal 2016), as pystoi 0.4.1 stoi(x, y, fs, extended=True): the same band envelopes
/// as STOI, then each 15×30 segment is mean/variance normalised along time (rows) and then across bands (columns),
/// and the score is the mean over segments of Σ x̃·ỹ / 30 (Jensen &amp; Taal 2016, eqs. 4–7). No clipping.
/// pystoi adds float-eps Gaussian noise before each normalisation to dodge zero norms; this port adds none
/// (deterministic) and treats a zero-norm row or column as zeros, so it contributes nothing.
/// </summary>
public static class ExtendedShortTimeObjectiveIntelligibility
{
    private const string Name = "ESTOI";

    public static IntelligibilityResult Compute(float[] reference, float[] degraded, int sampleRate) =>
        Compute(AudioMetricInput.ToDouble(reference), AudioMetricInput.ToDouble(degraded), sampleRate);

    public static IntelligibilityResult Compute(double[] reference, double[] degraded, int sampleRate)
    {
        var (x, y) = StoiFraming.Envelopes(reference, degraded, sampleRate, Name);
        if (x.Length < StoiFraming.SegmentFrames)
            return ShortTimeObjectiveIntelligibility.TooShort(x.Length);

        const int n = StoiFraming.SegmentFrames,
            bands = StoiFraming.Bands;
        var segments = x.Length - n + 1;
        var xs = new double[bands, n];
        var ys = new double[bands, n];
        double total = 0;
        for (var m = 0; m < segments; m++)
        {
            for (var b = 0; b < bands; b++)
            {
                for (var t = 0; t < n; t++)
                {
                    xs[b, t] = x[m + t][b];
                    ys[b, t] = y[m + t][b];
                }
            }
            RowColumnNormalise(xs);
            RowColumnNormalise(ys);
            double segment = 0;
            for (var b = 0; b < bands; b++)
            {
                for (var t = 0; t < n; t++)
                    segment += xs[b, t] * ys[b, t] / n;
            }
            total += segment;
        }
        return new IntelligibilityResult(total / segments, x.Length, segments, null);
    }

    /// <summary>pystoi row_col_normalize: each row (band over time), then each column (bands at one frame), to zero mean and unit norm.</summary>
    private static void RowColumnNormalise(double[,] s)
    {
        int rows = s.GetLength(0),
            cols = s.GetLength(1);
        for (var r = 0; r < rows; r++)
        {
            double mean = 0;
            for (var c = 0; c < cols; c++)
                mean += s[r, c];
            mean /= cols;
            double sq = 0;
            for (var c = 0; c < cols; c++)
            {
                s[r, c] -= mean;
                sq += s[r, c] * s[r, c];
            }
            var inverse = sq == 0 ? 0 : 1 / Math.Sqrt(sq);
            for (var c = 0; c < cols; c++)
                s[r, c] *= inverse;
        }
        for (var c = 0; c < cols; c++)
        {
            double mean = 0;
            for (var r = 0; r < rows; r++)
                mean += s[r, c];
            mean /= rows;
            double sq = 0;
            for (var r = 0; r < rows; r++)
            {
                s[r, c] -= mean;
                sq += s[r, c] * s[r, c];
            }
            var inverse = sq == 0 ? 0 : 1 / Math.Sqrt(sq);
            for (var r = 0; r < rows; r++)
                s[r, c] *= inverse;
        }
    }
}
