namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>Windows computed with numpy's own formulas, so the reference implementations' frames are reproduced bit for bit.</summary>
internal static class NumpyWindows
{
    /// <summary>numpy.hanning(M): the symmetric Hann window 0.5 + 0.5·cos(π·n/(M−1)), n = 1−M, 3−M, …, M−1.</summary>
    public static double[] Hanning(int length)
    {
        if (length < 1)
            return Array.Empty<double>();
        if (length == 1)
            return new[] { 1.0 };
        var w = new double[length];
        for (var i = 0; i < length; i++)
        {
            double n = 1 - length + 2 * i;
            w[i] = 0.5 + 0.5 * Math.Cos(Math.PI * n / (length - 1));
        }
        return w;
    }

    /// <summary>numpy.kaiser(M, β) = I0(β·√(1 − ((n − α)/α)²)) / I0(β), α = (M − 1)/2.</summary>
    public static double[] Kaiser(int length, double beta)
    {
        if (length == 1)
            return new[] { 1.0 };
        var w = new double[length];
        var alpha = (length - 1) / 2.0;
        var denominator = BesselI0(beta);
        for (var n = 0; n < length; n++)
        {
            var r = (n - alpha) / alpha;
            w[n] = BesselI0(beta * Math.Sqrt(1 - r * r)) / denominator;
        }
        return w;
    }

    /// <summary>
    /// Modified Bessel function of the first kind, order 0, by its power series Σ ((x/2)^k / k!)² (converges for every x; terms shrink below 1e-17 of
    /// the sum).
    /// </summary>
    public static double BesselI0(double x)
    {
        var quarterSquare = x * x / 4;
        double sum = 1,
            term = 1;
        for (var k = 1; k < 500; k++)
        {
            term *= quarterSquare / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return sum;
    }
}
