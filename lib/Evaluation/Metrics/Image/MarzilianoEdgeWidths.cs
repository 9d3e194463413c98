namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Edge widths by Marziliano et al.'s method (2002) as python-cpbd's marziliano_method computes them: for each
/// edge pixel off the image border whose gradient direction (np.gradient, atan2 in degrees, rounded to a
/// multiple of 45°) is horizontal, walk left and right along the row while the intensity keeps rising (0°)
/// or falling (±180°) away from the edge, at most 101 steps each side; the width is the sum of both walks.
/// Other directions, and images whose every angle is 0, give no width (0).
/// </summary>
internal static class MarzilianoEdgeWidths
{
    private const int MaxMargin = 100;

    public static double[,] Compute(bool[,] edges, double[,] image)
    {
        int rows = image.GetLength(0),
            cols = image.GetLength(1);
        var widths = new double[rows, cols];
        var angles = QuantizedAngles(image, out var anyAngle);
        if (!anyAngle)
            return widths;
        for (var r = 1; r < rows - 1; r++)
        for (var c = 1; c < cols - 1; c++)
        {
            if (!edges[r, c])
                continue;
            var angle = angles[r, c];
            // Intensity rising to the right (0°) or falling (±180°): the walks look for the opposite extrema.
            int sign;
            if (angle == 0)
                sign = 1;
            else if (angle is 180 or -180)
                sign = -1;
            else
                continue;
            widths[r, c] = Walk(image, r, c, -1, sign) + Walk(image, r, c, +1, sign);
        }
        return widths;
    }

    /// <summary>
    /// Steps from the edge pixel in <paramref name="direction"/> while image[outer] − image[inner] keeps the sign
    /// of the edge's slope seen from that side; returns margin + 1 where python-cpbd's loop stops.
    /// </summary>
    private static int Walk(double[,] image, int row, int col, int direction, int sign)
    {
        var cols = image.GetLength(1);
        var margin = 0;
        for (; margin <= MaxMargin; margin++)
        {
            var inner = col + direction * (1 + margin);
            var outer = col + direction * (2 + margin);
            if (outer < 0 || outer >= cols)
                break;
            // Going left on a rising edge (sign +1) the values must keep falling: stop at outer − inner ≥ 0.
            var step = (image[row, outer] - image[row, inner]) * direction * sign;
            if (step <= 0)
                break;
        }
        return Math.Min(margin, MaxMargin) + 1;
    }

    /// <summary>45·round(angle/45) with numpy's round-half-even, and whether any unrounded angle is non-zero.</summary>
    private static double[,] QuantizedAngles(double[,] image, out bool anyAngle)
    {
        int rows = image.GetLength(0),
            cols = image.GetLength(1);
        var quantized = new double[rows, cols];
        anyAngle = false;
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            double gx = Gradient(image, r, c, 0, 1),
                gy = Gradient(image, r, c, 1, 0);
            double angle;
            if (gx != 0)
                angle = Math.Atan2(gy, gx) * (180 / Math.PI);
            // python-cpbd's remaining branches: 0 for a zero gradient, 90 only when gy equals π/2 exactly.
            else
                angle = gy == Math.PI / 2 ? 90 : 0;
            anyAngle |= angle != 0;
            quantized[r, c] = 45 * Math.Round(angle / 45, MidpointRounding.ToEven);
        }
        return quantized;
    }

    /// <summary>np.gradient along one axis: central difference inside, one-sided at the two ends.</summary>
    private static double Gradient(double[,] image, int r, int c, int dr, int dc)
    {
        var n = dr == 1 ? image.GetLength(0) : image.GetLength(1);
        var i = dr == 1 ? r : c;
        if (n < 2)
            return 0;
        if (i == 0)
            return image[r + dr, c + dc] - image[r, c];
        if (i == n - 1)
            return image[r, c] - image[r - dr, c - dc];
        return (image[r + dr, c + dc] - image[r - dr, c - dc]) / 2.0;
    }
}
