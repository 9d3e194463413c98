using System.Collections.Concurrent;

namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// |rfft(frame, n)|² in float64, as numpy.fft.rfft followed by squaring the magnitude: the frame is zero-padded
/// (or cut) to n points and the n/2 + 1 non-negative frequency bins are returned. Radix-2 FFT when n is a power
/// of two, a direct DFT otherwise.
/// </summary>
internal static class PowerSpectrum
{
    private static readonly ConcurrentDictionary<int, (double[] cos, double[] sin)> Twiddles = new();

    public static double[] Compute(ReadOnlySpan<double> frame, int n)
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, "the FFT size must be positive");
        var re = new double[n];
        var im = new double[n];
        frame[..Math.Min(frame.Length, n)].CopyTo(re);
        if ((n & (n - 1)) == 0)
            Fft(re, im);
        else
            (re, im) = Dft(re, n);
        var power = new double[n / 2 + 1];
        for (var k = 0; k < power.Length; k++)
            power[k] = re[k] * re[k] + im[k] * im[k];
        return power;
    }

    /// <summary>e^(−2πik/n) for k &lt; n, computed directly (no recurrence) so each twiddle is correctly rounded.</summary>
    private static (double[] cos, double[] sin) TwiddlesOf(int n) => Twiddles.GetOrAdd(n, size =>
        {
            var c = new double[size];
            var s = new double[size];
            for (var k = 0; k < size; k++)
            {
                var angle = -2 * Math.PI * k / size;
                c[k] = Math.Cos(angle);
                s[k] = Math.Sin(angle);
            }
            return (c, s);
        });

    private static void Fft(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        var (cos, sin) = TwiddlesOf(n);
        for (var length = 2; length <= n; length <<= 1)
        {
            var half = length / 2;
            var stride = n / length;
            for (var start = 0; start < n; start += length)
            {
                for (var k = 0; k < half; k++)
                {
                    double wr = cos[k * stride],
                        wi = sin[k * stride];
                    int a = start + k,
                        b = a + half;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    private static (double[] re, double[] im) Dft(double[] x, int n)
    {
        var (cos, sin) = TwiddlesOf(n);
        var re = new double[n];
        var im = new double[n];
        for (var k = 0; k <= n / 2; k++)
        {
            double sr = 0,
                si = 0;
            for (var t = 0; t < n; t++)
            {
                var index = (int)((long)k * t % n);
                sr += x[t] * cos[index];
                si += x[t] * sin[index];
            }
            re[k] = sr;
            im[k] = si;
        }
        return (re, im);
    }
}
