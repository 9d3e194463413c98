namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// pystoi's <c>resample_oct</c>: the anti-aliasing filter Octave's resample designs (a Kaiser-windowed sinc,
/// normalised to unit sum), applied as scipy.signal.resample_poly does with a given window. STOI's reference
/// values depend on this exact filter: another good resampler moves them by ~1e-3.
/// </summary>
public static class OctaveResampler
{
    /// <summary>Resamples <paramref name="x"/> by up/down (e.g. 10000/16000), output length ⌈n·up/down⌉.</summary>
    public static double[] Resample(double[] x, int up, int down)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (up < 1 || down < 1)
            throw new ArgumentOutOfRangeException(nameof(up), $"resampling factors must be positive, got {up}/{down}");
        var g = Gcd(up, down);
        up /= g;
        down /= g;
        if (up == 1 && down == 1)
            return (double[])x.Clone();
        return ResamplePoly(x, up, down, Filter(up, down));
    }

    /// <summary>
    /// Octave resample.m's filter as pystoi's _resample_window_oct, divided by its sum: rejection 60 dB
    /// (log10_rejection −3), stop-band edge 1/(2·max(p, q)), roll-off width a tenth of it,
    /// L = ⌈(60 − 8)/(28.714·roll-off)⌉ (Kaiser's length estimate), β = 0.1102·(60 − 8.7).
    /// </summary>
    public static double[] Filter(int p, int q)
    {
        var g = Gcd(p, q);
        double pr = p / g,
            qr = q / g;
        const double log10Rejection = -3.0;
        var stopbandCutoff = 1.0 / (2 * Math.Max(pr, qr));
        var rollOffWidth = stopbandCutoff / 10;
        var rejectionDb = -20 * log10Rejection;
        var half = (int)Math.Ceiling((rejectionDb - 8) / (28.714 * rollOffWidth));
        // Kaiser's β for a given stop-band attenuation (Kaiser 1974, as in Octave and scipy).
        var beta =
            rejectionDb >= 21 && rejectionDb <= 50 ? 0.5842 * Math.Pow(rejectionDb - 21, 0.4) + 0.07886 * (rejectionDb - 21)
            : rejectionDb > 50 ? 0.1102 * (rejectionDb - 8.7)
            : 0.0;
        var kaiser = NumpyWindows.Kaiser(2 * half + 1, beta);
        var h = new double[2 * half + 1];
        double sum = 0;
        for (var n = 0; n < h.Length; n++)
        {
            double t = n - half;
            h[n] = kaiser[n] * (2 * pr * stopbandCutoff * Sinc(2 * stopbandCutoff * t));
            sum += h[n];
        }
        for (var n = 0; n < h.Length; n++)
            h[n] /= sum;
        return h;
    }

    /// <summary>
    /// scipy.signal.resample_poly(x, up, down, window=h): upsample by zero insertion, filter with up·h, keep every
    /// down-th sample, with the filter's delay removed — the pre-pad and start index resample_poly uses.
    /// </summary>
    private static double[] ResamplePoly(double[] x, int up, int down, double[] window)
    {
        var nOut = (int)(((long)x.Length * up + down - 1) / down);
        var halfLength = (window.Length - 1) / 2;
        var prePad = down - halfLength % down;
        var preRemove = (halfLength + prePad) / down;
        var h = new double[window.Length];
        for (var i = 0; i < h.Length; i++)
            h[i] = window[i] * up;
        var y = new double[nOut];
        for (var k = 0; k < nOut; k++)
        {
            // Output sample (preRemove + k) of upfirdn: Σ_n x[n]·h[m − n·up − prePad] with m = (preRemove + k)·down.
            var m = (long)(preRemove + k) * down - prePad;
            // m ≥ 0: preRemove·down = halfLength + prePad by construction.
            var firstTap = m - (h.Length - 1);
            var nFirst = firstTap <= 0 ? 0 : (int)((firstTap + up - 1) / up);
            var nLast = (int)Math.Min(x.Length - 1, m / up);
            double acc = 0;
            for (var n = nFirst; n <= nLast; n++)
                acc += x[n] * h[m - (long)n * up];
            y[k] = acc;
        }
        return y;
    }

    /// <summary>numpy.sinc: sin(πx)/(πx), 1 at 0.</summary>
    private static double Sinc(double x)
    {
        var y = Math.PI * (x == 0 ? 1.0e-20 : x);
        return Math.Sin(y) / y;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
