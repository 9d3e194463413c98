namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The radix-2 FFT of the P.862 reference model, in single precision: the reference scores are what this FFT
/// computes, so its butterfly order and float rounding are kept (twiddles as float cos/sin of 2πk/N, the
/// 0 and π/2 rotations exact, output bit-reverse sorted). Lengths must be powers of two.
/// </summary>
internal static class SinglePrecisionFft
{
    /// <summary>P.862's value of 2π (six digits short of double precision); the windows and twiddles use it.</summary>
    public const double TwoPi = 6.28318530717959;

    /// <summary>The periodic Hann window 0.5 (1 − cos(2πi/n)) of P.862's frames, in float.</summary>
    public static float[] HannWindow(int n)
    {
        var window = new float[n];
        for (var i = 0; i < n; i++)
            window[i] = (float)(0.5 * (1.0 - Math.Cos(TwoPi * i / n)));
        return window;
    }

    /// <summary>Smallest power of two ≥ <paramref name="n"/>.</summary>
    public static int NextPowerOfTwo(long n)
    {
        var p = 1;
        while (p < n)
            p <<= 1;
        return p;
    }

    /// <summary>In-place transform of <paramref name="n"/> complex values stored (re, im) interleaved.</summary>
    public static void Transform(float[] x, int n, bool inverse)
    {
        if (n <= 1)
            return;
        if ((n & (n - 1)) != 0)
            throw new ArgumentException($"PESQ FFT: length {n} is not a power of two", nameof(n));
        var (twiddleRe, twiddleIm, order) = Plans.GetOrAdd((n, inverse), key => Plan(key.n, key.inverse));

        for (int cycle = 1, step = n / 2; cycle < n; cycle <<= 1, step >>= 1)
        {
            for (var c = 0; c < cycle; c++)
            {
                var k1 = 4 * c * step;
                var k2 = k1 + 2 * step;
                float re = twiddleRe[c],
                    im = twiddleIm[c];
                for (var s = 0; s < step; s++, k1 += 2, k2 += 2)
                {
                    float r1 = x[k1],
                        i1 = x[k1 + 1],
                        r2 = x[k2],
                        i2 = x[k2 + 1];
                    x[k1] = r1 + re * r2 + im * i2;
                    x[k1 + 1] = i1 - im * r2 + re * i2;
                    x[k2] = r1 - re * r2 - im * i2;
                    x[k2 + 1] = i1 + im * r2 - re * i2;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            var j = order[i];
            if (j <= i)
                continue;
            (x[2 * i], x[2 * j]) = (x[2 * j], x[2 * i]);
            (x[2 * i + 1], x[2 * j + 1]) = (x[2 * j + 1], x[2 * i + 1]);
        }
        if (inverse)
        {
            for (var i = 0; i < 2 * n; i++)
                x[i] /= n;
        }
    }

    /// <summary>Spectrum of the real <paramref name="n"/> samples at the start of <paramref name="x"/>, written back
    /// over x as n/2+1 (re, im) pairs (x needs n+2 elements).</summary>
    public static void RealForward(float[] x, int n)
    {
        var y = new float[2 * n];
        for (var i = 0; i < n; i++)
            y[2 * i] = x[i];
        Transform(y, n, inverse: false);
        Array.Copy(y, x, n + 2);
    }

    /// <summary>Inverse of <see cref="RealForward"/>: n/2+1 (re, im) pairs in x become n real samples.</summary>
    public static void RealInverse(float[] x, int n)
    {
        var y = new float[2 * n];
        Array.Copy(x, y, n + 2);
        for (var k = 1; k < n / 2; k++)
        {
            y[2 * (n - k)] = x[2 * k];
            y[2 * (n - k) + 1] = -x[2 * k + 1];
        }
        Transform(y, n, inverse: true);
        for (var i = 0; i < n; i++)
            x[i] = y[2 * i];
    }

    /// <summary>Cross-correlation as a convolution of reversed <paramref name="a"/> with <paramref name="b"/>:
    /// a.Length + b.Length − 1 lags; identical inputs peak at index a.Length − 1, and a delay of b moves the peak up.</summary>
    public static float[] CrossCorrelate(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = 2 * NextPowerOfTwo(Math.Max(a.Length, b.Length));
        var fa = new float[2 * n];
        var fb = new float[2 * n];
        for (var i = 0; i < a.Length; i++)
            fa[2 * (a.Length - 1 - i)] = a[i];
        for (var i = 0; i < b.Length; i++)
            fb[2 * i] = b[i];
        Transform(fa, n, inverse: false);
        Transform(fb, n, inverse: false);
        for (var k = 0; k < n; k++)
        {
            float r1 = fa[2 * k],
                i1 = fa[2 * k + 1];
            fa[2 * k] = r1 * fb[2 * k] - i1 * fb[2 * k + 1];
            fa[2 * k + 1] = r1 * fb[2 * k + 1] + i1 * fb[2 * k];
        }
        Transform(fa, n, inverse: true);
        var result = new float[a.Length + b.Length - 1];
        for (var i = 0; i < result.Length; i++)
            result[i] = fa[2 * i];
        return result;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int n, bool inverse), (float[] re, float[] im, int[] order)> Plans =
        new();

    /// <summary>Twiddles per butterfly group (the group index bit-reversed) and the output permutation.</summary>
    private static (float[] re, float[] im, int[] order) Plan(int n, bool inverse)
    {
        var re = new float[n / 2];
        var im = new float[n / 2];
        var reversed = BitReversed(n / 2);
        for (var c = 0; c < n / 2; c++)
        {
            var theta = TwoPi * reversed[c] / n;
            (re[c], im[c]) = c switch
            {
                0 => (1f, 0f),
                1 => (0f, 1f),
                _ => ((float)Math.Cos(theta), (float)Math.Sin(theta)),
            };
            // The inverse rotates the other way: only the sine changes sign.
            if (inverse)
                im[c] = -im[c];
        }
        return (re, im, BitReversed(n));
    }

    /// <summary>Index i with its log2(n) bits reversed, for every i &lt; n.</summary>
    private static int[] BitReversed(int n)
    {
        var result = new int[n];
        for (int length = 1, add = n >> 1; add >= 1; length <<= 1, add >>= 1)
        {
            for (var c = 0; c < length; c++)
                result[c + length] = result[c] + add;
        }
        return result;
    }
}
