namespace Dino.Repro.Signal;

/// <summary>
/// The Newton–Raphson step of mel-cepstral analysis: (T + H)·Δc = b with T(i, j) = t(|i − j|) Toeplitz and
/// H(i, j) = h(i + j) Hankel (Tokuda et al. 1994, eq. 17). T + H is the Hessian of the convex UELS criterion, so it is
/// symmetric positive definite and a Cholesky factorisation solves it; SPTK's theq solves the same system with a
/// block Levinson recursion.
/// </summary>
internal static class MelCepstrumNewtonSystem
{
    /// <summary>Δc for t[0..n−1], h[0..2n−2] and b[0..n−1]; a matrix that is not positive definite is an error.</summary>
    public static double[] Solve(ReadOnlySpan<double> t, ReadOnlySpan<double> h, ReadOnlySpan<double> b, int iteration)
    {
        var n = b.Length;
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = t[i - j] + h[i + j];
                for (var k = 0; k < j; k++)
                    sum -= lower[i, k] * lower[j, k];
                if (i != j)
                {
                    lower[i, j] = sum / lower[j, j];
                }
                else if (sum > 0 && double.IsFinite(sum))
                {
                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    throw new InvalidOperationException(
                        $"mcep: the Newton system of iteration {iteration} is not positive definite (pivot {i} is {sum:G3}); the frame's "
                            + "periodogram is degenerate — raise eps"
                    );
                }
            }
        }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= lower[i, k] * y[k];
            y[i] = sum / lower[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
                sum -= lower[k, i] * x[k];
            x[i] = sum / lower[i, i];
        }
        return x;
    }
}
