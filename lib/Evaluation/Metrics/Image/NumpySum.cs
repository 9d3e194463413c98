namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// numpy's float64 sum in its own order (pairwise_sum in numpy/core/src/umath/loops_utils.h: eight running
/// partial sums per block of up to 128 values, halves above that), so sums that feed exact comparisons —
/// scipy's normalised Gaussian taps — come out bit for bit as in numpy.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    public static double Pairwise(ReadOnlySpan<double> values)
    {
        if (values.Length < 8)
        {
            var sum = 0.0;
            foreach (var v in values)
                sum += v;
            return sum;
        }
        if (values.Length <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < values.Length - values.Length % 8; i += 8)
            for (var k = 0; k < 8; k++)
                r[k] += values[i + k];
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < values.Length; i++)
                result += values[i];
            return result;
        }
        var half = values.Length / 2;
        half -= half % 8;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }
}
