namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Cumulative probability of blur detection, a no-reference sharpness score in [0, 1] (Narvekar &amp; Karam 2009),
/// exactly as python-cpbd 1.0.7's cpbd.compute: Canny edges (skimage 0.19.3 defaults, <see cref="CannyEdges"/>)
/// decide which 64×64 blocks are edge blocks; Marziliano widths of python-cpbd's Octave-style Sobel edges
/// (<see cref="OctaveSobelEdges"/>, <see cref="MarzilianoEdgeWidths"/>) are the edge widths w; each w in an edge
/// block has P_blur = 1 − exp(−|w / w_JNB|^β) with β = 3.6 and w_JNB = 5 for block contrast ≤ 50, else 3;
/// CPBD is the share of widths with P_blur ≤ 63%, read from a 101-bucket histogram of P_blur rounded to
/// two decimals. Partial blocks at the right and bottom are ignored. Higher is sharper.
/// </summary>
public static class Cpbd
{
    private const int BlockSize = 64;
    private const double EdgeBlockFraction = 0.002; // a block is an edge block above 0.2% edge pixels
    private const double Beta = 3.6;
    private const int HighContrastJnbFrom = 51; // WIDTH_JNB = [5]*51 + [3]*205, indexed by int(max − min)
    private const int CumulativeBuckets = 64; // np.sum(hist_pblur[:64])

    /// <summary>A grey [H, W] image (any numeric dtype, values 0..255 as float64) — e.g. Grayscale.PillowLuma's output.</summary>
    public static double Compute(Tensor grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.dim() != 2)
            throw new ArgumentException($"CPBD takes a grey [H, W] image, got shape [{string.Join(", ", grey.shape)}]");
        using var scope = torch.NewDisposeScope();
        int rows = checked((int)grey.size(0)),
            cols = checked((int)grey.size(1));
        var flat = grey.to(ScalarType.Float64).contiguous().ToArray<double>();
        var image = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, image, 0, flat.Length * sizeof(double));
        return Compute(image);
    }

    /// <summary>
    /// CPBD of image[row, col] (grey, 0..255). An image without edge blocks (e.g. a flat one) scores 0, as in
    /// python-cpbd, whose empty histogram sums to 0.
    /// </summary>
    public static double Compute(double[,] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int rows = image.GetLength(0),
            cols = image.GetLength(1);
        if (rows < BlockSize || cols < BlockSize)
            throw new ArgumentException($"CPBD needs an image of at least {BlockSize}×{BlockSize} pixels (one block), got {rows}×{cols}");
        foreach (var v in image)
            if (!double.IsFinite(v))
                throw new ArgumentException("CPBD: the image contains NaN or infinity");

        var cannyEdges = CannyEdges.Detect(image);
        var widths = MarzilianoEdgeWidths.Compute(OctaveSobelEdges.Detect(image), image);

        var histogram = new double[101];
        var total = 0;
        for (var top = 0; top + BlockSize <= rows; top += BlockSize)
        for (var left = 0; left + BlockSize <= cols; left += BlockSize)
        {
            if (!IsEdgeBlock(cannyEdges, top, left))
                continue;
            double jnbWidth = BlockContrast(image, top, left) < HighContrastJnbFrom ? 5 : 3;
            for (var r = top; r < top + BlockSize; r++)
            for (var c = left; c < left + BlockSize; c++)
            {
                if (widths[r, c] == 0)
                    continue;
                var probability = 1 - Math.Exp(-Math.Pow(Math.Abs(widths[r, c] / jnbWidth), Beta));
                histogram[Bucket(probability)]++;
                total++;
            }
        }
        if (total == 0)
            return 0;
        for (var i = 0; i < histogram.Length; i++)
            histogram[i] /= total;
        return NumpySum.Pairwise(histogram.AsSpan(0, CumulativeBuckets));
    }

    /// <summary>
    /// python-cpbd's int(round(p, 2) * 100): numpy rounds p·100 half-to-even and divides by 100; multiplying back
    /// can land just below the integer (0.29·100 = 28.999…), and int() truncates, so the bucket is kept as is.
    /// </summary>
    private static int Bucket(double probability) => (int)(Math.Round(probability * 100, MidpointRounding.ToEven) / 100 * 100);

    private static bool IsEdgeBlock(bool[,] edges, int top, int left)
    {
        var count = 0;
        for (var r = top; r < top + BlockSize; r++)
        for (var c = left; c < left + BlockSize; c++)
            if (edges[r, c])
                count++;
        return count > BlockSize * BlockSize * EdgeBlockFraction;
    }

    /// <summary>int(max − min) over the block.</summary>
    private static int BlockContrast(double[,] image, int top, int left)
    {
        double min = double.PositiveInfinity,
            max = double.NegativeInfinity;
        for (var r = top; r < top + BlockSize; r++)
        for (var c = left; c < left + BlockSize; c++)
        {
            min = Math.Min(min, image[r, c]);
            max = Math.Max(max, image[r, c]);
        }
        return (int)(max - min);
    }
}
