using System.Collections.Concurrent;

namespace Dino.Repro.Signal;

/// <summary>
/// The frequency-warping recursions of mel-cepstral analysis (Tokuda et al. 1994; Oppenheim &amp; Johnson 1972): a
/// cascade of first-order all-pass sections z̃⁻¹ = (z⁻¹ − α)/(1 − αz⁻¹) fed the input coefficients from the last to
/// the first. α &gt; 0 maps a linear-frequency sequence to the mel scale, −α maps back. Both recursions are linear,
/// so each is also available as its matrix, which maps a whole batch of frames with one product.
/// </summary>
internal static class MelCepstrumWarping
{
    private static readonly ConcurrentDictionary<(bool cepstrum, int inputs, int order, double alpha), double[,]> Matrices = new();

    /// <summary>
    /// SPTK freqt: the cepstrum c[0..m1] of log H(z) re-expanded in z̃ up to order m2. Stages 0 and 1 differ from the
    /// rest because log H's constant term passes unchanged and its z⁻¹ term carries the all-pass gain 1 − α².
    /// </summary>
    public static double[] Cepstrum(ReadOnlySpan<double> c, int outputOrder, double alpha)
    {
        var g = new double[outputOrder + 1];
        var previous = new double[outputOrder + 1];
        var gain = 1 - alpha * alpha;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            g.CopyTo(previous, 0);
            g[0] = c[i] + alpha * previous[0];
            if (outputOrder >= 1)
                g[1] = gain * previous[0] + alpha * previous[1];
            for (var j = 2; j <= outputOrder; j++)
                g[j] = previous[j - 1] + alpha * (previous[j] - g[j - 1]);
        }
        return g;
    }

    /// <summary>
    /// SPTK frqtr: the warped autocorrelation r(k), k = 0..m2, of the Newton step — the same all-pass cascade with
    /// every stage alike, since r is a sequence of correlation lags, not a log spectrum.
    /// </summary>
    public static double[] Autocorrelation(ReadOnlySpan<double> r, int outputOrder, double alpha)
    {
        var g = new double[outputOrder + 1];
        var previous = new double[outputOrder + 1];
        for (var i = r.Length - 1; i >= 0; i--)
        {
            g.CopyTo(previous, 0);
            g[0] = r[i];
            for (var j = 1; j <= outputOrder; j++)
                g[j] = previous[j - 1] + alpha * (previous[j] - g[j - 1]);
        }
        return g;
    }

    /// <summary><see cref="Cepstrum"/> as a matrix [inputs, order + 1]: a row of inputs times it is the warped row.</summary>
    public static double[,] CepstrumMatrix(int inputs, int outputOrder, double alpha) =>
        Matrices.GetOrAdd((true, inputs, outputOrder, alpha), key => Matrix(key.inputs, key.order, unit => Cepstrum(unit, key.order, key.alpha)));

    /// <summary><see cref="Autocorrelation"/> as a matrix [inputs, order + 1].</summary>
    public static double[,] AutocorrelationMatrix(int inputs, int outputOrder, double alpha) =>
        Matrices.GetOrAdd((false, inputs, outputOrder, alpha), key =>
            Matrix(key.inputs, key.order, unit => Autocorrelation(unit, key.order, key.alpha))
        );

    /// <summary>Row i is the recursion's answer to the unit sequence e_i.</summary>
    private static double[,] Matrix(int inputs, int outputOrder, Func<double[], double[]> recursion)
    {
        var matrix = new double[inputs, outputOrder + 1];
        var unit = new double[inputs];
        for (var i = 0; i < inputs; i++)
        {
            unit[i] = 1;
            var row = recursion(unit);
            unit[i] = 0;
            for (var j = 0; j <= outputOrder; j++)
                matrix[i, j] = row[j];
        }
        return matrix;
    }
}
