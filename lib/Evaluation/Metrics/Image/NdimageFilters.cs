namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>How a filter sees past the image border (scipy.ndimage's mode names).</summary>
internal enum NdimageBorder
{
    /// <summary>"constant" with cval 0: zeros beyond the border.</summary>
    Constant,

    /// <summary>"reflect": mirrored about the edge of the last pixel (d c b a | a b c d | d c b a).</summary>
    Reflect,
}

/// <summary>
/// The scipy.ndimage 1.10 filters that Canny and CPBD use, on [H, W] float64 arrays, with scipy's own operation
/// order (NI_Correlate1D in ni_filters.c): an odd kernel that is symmetric or antisymmetric is applied as
/// w₀·x₀ + Σ_{j=-r..-1} (x_j ± x_{-j})·w_j, so results, and the ties Canny's non-maximum suppression compares,
/// are bit-identical to scipy's.
/// </summary>
internal static class NdimageFilters
{
    /// <summary>gaussian_filter(image, sigma, mode, truncate=4): gaussian_filter1d along axis 0, then axis 1.</summary>
    public static double[,] Gaussian(double[,] image, double sigma, NdimageBorder border)
    {
        var weights = GaussianKernel(sigma, (int)(4.0 * sigma + 0.5));
        return Correlate1d(Correlate1d(image, weights, 0, border), weights, 1, border);
    }

    /// <summary>ndimage.sobel(image, axis) with mode "reflect": the difference [-1, 0, 1] along axis, then [1, 2, 1] across.</summary>
    public static double[,] Sobel(double[,] image, int axis)
    {
        var derivative = Correlate1d(image, [-1.0, 0.0, 1.0], axis, NdimageBorder.Reflect);
        return Correlate1d(derivative, [1.0, 2.0, 1.0], 1 - axis, NdimageBorder.Reflect);
    }

    /// <summary>scipy's _gaussian_kernel1d(sigma, 0, radius): exp(−0.5/σ²·x²) for x = −radius..radius over its numpy sum.</summary>
    public static double[] GaussianKernel(double sigma, int radius)
    {
        var factor = -0.5 / (sigma * sigma);
        var phi = new double[2 * radius + 1];
        for (var x = -radius; x <= radius; x++)
            phi[x + radius] = Math.Exp(factor * (x * x));
        var total = NumpySum.Pairwise(phi);
        for (var i = 0; i < phi.Length; i++)
            phi[i] /= total;
        return phi;
    }

    /// <summary>correlate1d(input, weights, axis, mode, origin=0) for an odd-length kernel.</summary>
    public static double[,] Correlate1d(double[,] input, double[] weights, int axis, NdimageBorder border)
    {
        if (weights.Length % 2 != 1)
            throw new ArgumentException("correlate1d here takes odd-length kernels only");
        if (axis is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be 0 or 1");
        int rows = input.GetLength(0),
            cols = input.GetLength(1);
        int length = axis == 0 ? rows : cols,
            lines = axis == 0 ? cols : rows,
            radius = weights.Length / 2;
        var symmetry = Symmetry(weights, radius);
        var output = new double[rows, cols];
        var buffer = new double[length + 2 * radius];
        for (var line = 0; line < lines; line++)
        {
            for (var i = -radius; i < length + radius; i++)
            {
                var source = Extend(i, length, border);
                buffer[i + radius] =
                    source < 0 ? 0.0
                    : axis == 0 ? input[source, line]
                    : input[line, source];
            }
            for (var i = 0; i < length; i++)
            {
                var centre = i + radius; // buffer index of x₀
                double value;
                if (symmetry > 0)
                {
                    value = buffer[centre] * weights[radius];
                    for (var j = -radius; j < 0; j++)
                        value += (buffer[centre + j] + buffer[centre - j]) * weights[radius + j];
                }
                else if (symmetry < 0)
                {
                    value = buffer[centre] * weights[radius];
                    for (var j = -radius; j < 0; j++)
                        value += (buffer[centre + j] - buffer[centre - j]) * weights[radius + j];
                }
                else
                {
                    value = buffer[centre + radius] * weights[2 * radius];
                    for (var j = -radius; j < radius; j++)
                        value += buffer[centre + j] * weights[radius + j];
                }
                if (axis == 0)
                    output[i, line] = value;
                else
                    output[line, i] = value;
            }
        }
        return output;
    }

    /// <summary>+1 symmetric, −1 antisymmetric, 0 neither — scipy's test, to within DBL_EPSILON.</summary>
    private static int Symmetry(double[] weights, int radius)
    {
        const double DblEpsilon = 2.220446049250313e-16;
        bool symmetric = true,
            antisymmetric = true;
        for (var i = 1; i <= radius; i++)
        {
            symmetric &= Math.Abs(weights[radius + i] - weights[radius - i]) <= DblEpsilon;
            antisymmetric &= Math.Abs(weights[radius + i] + weights[radius - i]) <= DblEpsilon;
        }
        return symmetric ? 1
            : antisymmetric ? -1
            : 0;
    }

    /// <summary>The source index for position <paramref name="i"/> of a line, or −1 for a constant-mode zero.</summary>
    private static int Extend(int i, int length, NdimageBorder border)
    {
        if (i >= 0 && i < length)
            return i;
        if (border == NdimageBorder.Constant)
            return -1;
        // Reflect: period 2·length, mirrored halves.
        var period = 2 * length;
        var k = ((i % period) + period) % period;
        return k < length ? k : period - 1 - k;
    }
}
