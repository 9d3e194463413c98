namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Canny edges exactly as skimage.feature.canny (scikit-image 0.19.3) finds them in a float64 image with
/// mode="constant" and no mask (Canny 1986; skimage/feature/_canny.py and _canny_cy.pyx):
/// <list type="number">
/// <item>Gaussian smoothing with zeros beyond the border, divided by the same smoothing of an all-ones image
/// (+ float64 eps), so border pixels are not darkened by the zeros ("bleed-over" correction);</item>
/// <item>scipy.ndimage Sobel derivatives along rows (isobel) and columns (jsobel), magnitude √(i² + j²);</item>
/// <item>non-maximum suppression across the gradient, interpolating linearly between the two neighbours on
/// each side, only inside a one-pixel border (skimage's eroded mask) and where the magnitude reaches the low
/// threshold;</item>
/// <item>hysteresis: the 8-connected components of the surviving pixels (scipy.ndimage.label with a 3×3
/// structure) that contain at least one pixel at or above the high threshold.</item>
/// </list>
/// Thresholds are absolute gradient magnitudes: skimage divides them by the dtype's maximum, which is 1 for
/// float images, so on a 0..255 image the defaults 0.1/0.2 keep nearly every local maximum.
/// </summary>
public static class CannyEdges
{
    /// <summary>np.finfo(float64).eps, added to the smoothed mask before dividing by it.</summary>
    private const double Float64Eps = 2.220446049250313e-16;

    /// <summary>Edge map of an [H, W] float64 image (row-major, image[row, col]).</summary>
    public static bool[,] Detect(double[,] image, double sigma = 1.0, double lowThreshold = 0.1, double highThreshold = 0.2)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (sigma < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must not be negative");
        if (highThreshold < lowThreshold)
            throw new ArgumentException("canny: lowThreshold must not exceed high_threshold");
        foreach (var v in image)
            if (!double.IsFinite(v))
                throw new ArgumentException("canny: the image contains NaN or infinity");

        var smoothed = Smooth(image, sigma);
        var isobel = NdimageFilters.Sobel(smoothed, axis: 0);
        var jsobel = NdimageFilters.Sobel(smoothed, axis: 1);
        var magnitude = Magnitude(isobel, jsobel);
        var lowMasked = NonMaximumSuppression(isobel, jsobel, magnitude, lowThreshold);
        return Hysteresis(lowMasked, highThreshold);
    }

    /// <summary>_preprocess with mode="constant": gaussian(image) / (gaussian(ones) + eps).</summary>
    private static double[,] Smooth(double[,] image, double sigma)
    {
        int rows = image.GetLength(0),
            cols = image.GetLength(1);
        var ones = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
            ones[r, c] = 1.0;
        var bleedOver = NdimageFilters.Gaussian(ones, sigma, NdimageBorder.Constant);
        var smoothed = NdimageFilters.Gaussian(image, sigma, NdimageBorder.Constant);
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
            smoothed[r, c] /= bleedOver[r, c] + Float64Eps;
        return smoothed;
    }

    /// <summary>magnitude = isobel·isobel, += jsobel·jsobel, then sqrt — numpy's order.</summary>
    private static double[,] Magnitude(double[,] isobel, double[,] jsobel)
    {
        int rows = isobel.GetLength(0),
            cols = isobel.GetLength(1);
        var magnitude = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            var squares = isobel[r, c] * isobel[r, c];
            squares += jsobel[r, c] * jsobel[r, c];
            magnitude[r, c] = Math.Sqrt(squares);
        }
        return magnitude;
    }

    /// <summary>
    /// _nonmaximum_suppression_bilinear (_canny_cy.pyx): the magnitude where a pixel is a local maximum along its
    /// gradient direction, else 0. The direction picks one of four octant pairs; when a derivative is exactly 0
    /// both pairs apply and skimage takes the first (cond1).
    /// </summary>
    private static double[,] NonMaximumSuppression(double[,] isobel, double[,] jsobel, double[,] magnitude, double lowThreshold)
    {
        int rows = magnitude.GetLength(0),
            cols = magnitude.GetLength(1);
        var output = new double[rows, cols];
        // The Cython signature declares `float lowThreshold`: skimage compares against its single-precision value.
        double threshold = (float)lowThreshold;
        // The eroded mask of an unmasked image is everything but the one-pixel border.
        for (var x = 1; x < rows - 1; x++)
        for (var y = 1; y < cols - 1; y++)
        {
            var m = magnitude[x, y];
            if (!(m >= threshold))
                continue;
            double iS = isobel[x, y],
                jS = jsobel[x, y];
            bool isDown = iS <= 0,
                isUp = iS >= 0,
                isLeft = jS <= 0,
                isRight = jS >= 0;
            var cond1 = (isUp && isRight) || (isDown && isLeft);
            var cond2 = (isDown && isRight) || (isUp && isLeft);
            if (!cond1 && !cond2)
                continue;
            double absI = Math.Abs(iS),
                absJ = Math.Abs(jS),
                w;
            double n11,
                n12,
                n21,
                n22;
            if (cond1)
            {
                if (absI > absJ)
                {
                    w = absJ / absI;
                    (n11, n12, n21, n22) = (magnitude[x + 1, y], magnitude[x + 1, y + 1], magnitude[x - 1, y], magnitude[x - 1, y - 1]);
                }
                else
                {
                    w = absI / absJ;
                    (n11, n12, n21, n22) = (magnitude[x, y + 1], magnitude[x + 1, y + 1], magnitude[x, y - 1], magnitude[x - 1, y - 1]);
                }
            }
            else if (absI < absJ)
            {
                w = absI / absJ;
                (n11, n12, n21, n22) = (magnitude[x, y + 1], magnitude[x - 1, y + 1], magnitude[x, y - 1], magnitude[x + 1, y - 1]);
            }
            else
            {
                w = absJ / absI;
                (n11, n12, n21, n22) = (magnitude[x - 1, y], magnitude[x - 1, y + 1], magnitude[x + 1, y], magnitude[x + 1, y - 1]);
            }
            var cPlus = n12 * w + n11 * (1.0 - w) <= m;
            if (cPlus && n22 * w + n21 * (1.0 - w) <= m)
                output[x, y] = m;
        }
        return output;
    }

    /// <summary>Keeps the 8-connected components of lowMasked &gt; 0 that hold a pixel ≥ the high threshold.</summary>
    private static bool[,] Hysteresis(double[,] lowMasked, double highThreshold)
    {
        int rows = lowMasked.GetLength(0),
            cols = lowMasked.GetLength(1);
        var edges = new bool[rows, cols];
        var visited = new bool[rows, cols];
        var component = new List<(int r, int c)>();
        var stack = new Stack<(int r, int c)>();
        for (var r0 = 0; r0 < rows; r0++)
        for (var c0 = 0; c0 < cols; c0++)
        {
            if (visited[r0, c0] || !(lowMasked[r0, c0] > 0))
                continue;
            component.Clear();
            var strong = false;
            visited[r0, c0] = true;
            stack.Push((r0, c0));
            while (stack.Count > 0)
            {
                var (r, c) = stack.Pop();
                component.Add((r, c));
                strong |= lowMasked[r, c] >= highThreshold;
                for (var dr = -1; dr <= 1; dr++)
                for (var dc = -1; dc <= 1; dc++)
                {
                    int nr = r + dr,
                        nc = c + dc;
                    if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || visited[nr, nc] || !(lowMasked[nr, nc] > 0))
                        continue;
                    visited[nr, nc] = true;
                    stack.Push((nr, nc));
                }
            }
            if (strong)
                foreach (var (r, c) in component)
                    edges[r, c] = true;
        }
        return edges;
    }
}
