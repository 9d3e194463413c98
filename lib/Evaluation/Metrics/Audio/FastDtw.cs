namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// A faithful port of the pure-Python fastdtw 0.3.4 (Salvador &amp; Chan 2007's FastDTW) with Euclidean distance:
/// coarsen both series by averaging pairs until one is shorter than radius + 2, solve exactly there, project the
/// path up with a ±radius neighbourhood, and solve within that window at each finer level. The cell recursion
/// and its tie order — min over (i−1, j), (i, j−1), (i−1, j−1), first wins — are fastdtw's, so paths agree.
/// </summary>
public static class FastDtw
{
    /// <summary>The accumulated distance and the warping path of (index into x, index into y) pairs.</summary>
    public static (double distance, (int i, int j)[] path) Align(double[][] x, double[][] y, int radius)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (radius < 0)
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be non-negative");
        if (x.Length == 0 || y.Length == 0)
            throw new ArgumentException("DTW needs two non-empty series");
        return Recurse(x, y, radius);
    }

    private static (double, (int, int)[]) Recurse(double[][] x, double[][] y, int radius)
    {
        var minTimeSize = radius + 2;
        if (x.Length < minTimeSize || y.Length < minTimeSize)
            return Dtw(x, y, FullWindow(x.Length, y.Length));
        var (_, coarsePath) = Recurse(ReduceByHalf(x), ReduceByHalf(y), radius);
        return Dtw(x, y, ExpandWindow(coarsePath, x.Length, y.Length, radius));
    }

    /// <summary>Pairs averaged: (x[2k] + x[2k+1]) / 2; an odd last element is dropped.</summary>
    private static double[][] ReduceByHalf(double[][] x)
    {
        var reduced = new double[x.Length / 2][];
        for (var k = 0; k < reduced.Length; k++)
        {
            var a = x[2 * k];
            var b = x[2 * k + 1];
            var v = new double[a.Length];
            for (var d = 0; d < v.Length; d++)
                v[d] = (a[d] + b[d]) / 2;
            reduced[k] = v;
        }
        return reduced;
    }

    /// <summary>Row i's window is the column range [from, to] (inclusive); fastdtw's windows are contiguous per row.</summary>
    private static (int from, int to)[] FullWindow(int lengthX, int lengthY) => Enumerable.Repeat((0, lengthY - 1), lengthX).ToArray();

    /// <summary>
    /// fastdtw's __expand_window: every path cell grown by ±radius in both directions, each coarse cell mapped to
    /// its 2×2 fine cells; then per row, scanning columns from the previous row's first column, the first run of
    /// window cells.
    /// </summary>
    private static (int from, int to)[] ExpandWindow((int i, int j)[] path, int lengthX, int lengthY, int radius)
    {
        var grown = new HashSet<(int, int)>();
        foreach (var (i, j) in path)
        {
            for (var a = -radius; a <= radius; a++)
            {
                for (var b = -radius; b <= radius; b++)
                    grown.Add((i + a, j + b));
            }
        }
        var fine = new HashSet<(int, int)>();
        foreach (var (i, j) in grown)
        {
            fine.Add((2 * i, 2 * j));
            fine.Add((2 * i, 2 * j + 1));
            fine.Add((2 * i + 1, 2 * j));
            fine.Add((2 * i + 1, 2 * j + 1));
        }
        var window = new (int, int)[lengthX];
        var startJ = 0;
        for (var i = 0; i < lengthX; i++)
        {
            int first = -1,
                last = -1;
            for (var j = startJ; j < lengthY; j++)
            {
                if (fine.Contains((i, j)))
                {
                    if (first < 0)
                        first = j;
                    last = j;
                }
                else if (first >= 0)
                {
                    break;
                }
            }
            // fastdtw itself fails on an empty row (start_j becomes None); a projected path never produces one.
            if (first < 0)
                throw new InvalidOperationException($"fastdtw window has no cell in row {i}");
            window[i] = (first, last);
            startJ = first;
        }
        return window;
    }

    /// <summary>
    /// fastdtw's __dtw over a window: D[0,0] = 0, cells outside the window are +∞, and
    /// D[i,j] = min(D[i−1,j], D[i,j−1], D[i−1,j−1]) + ‖x[i−1] − y[j−1]‖ with the first minimum kept.
    /// </summary>
    private static (double, (int, int)[]) Dtw(double[][] x, double[][] y, (int from, int to)[] window)
    {
        int lengthX = x.Length,
            lengthY = y.Length;
        // Row r (1-based, as fastdtw's D) holds columns window[r−1].from+1 .. window[r−1].to+1.
        var cost = new double[lengthX + 1][];
        var step = new byte[lengthX + 1][];
        var first = new int[lengthX + 1];
        cost[0] = new[] { 0.0 };
        step[0] = new byte[1];
        first[0] = 0;
        for (var r = 1; r <= lengthX; r++)
        {
            var (from, to) = window[r - 1];
            first[r] = from + 1;
            var width = to - from + 1;
            var row = new double[width];
            var moves = new byte[width];
            for (var c = 0; c < width; c++)
            {
                var col = first[r] + c;
                var dt = FrameDistance.Euclidean(x[r - 1], y[col - 1]);
                var best = At(cost, first, r - 1, col) + dt;
                byte move = Up;
                var left = (c > 0 ? row[c - 1] : double.PositiveInfinity) + dt;
                if (left < best)
                {
                    best = left;
                    move = Left;
                }
                var diagonal = At(cost, first, r - 1, col - 1) + dt;
                if (diagonal < best)
                {
                    best = diagonal;
                    move = Diagonal;
                }
                row[c] = best;
                moves[c] = move;
            }
            cost[r] = row;
            step[r] = moves;
        }

        var end = lengthY - first[lengthX];
        if (end < 0 || end >= cost[lengthX].Length)
            throw new InvalidOperationException("fastdtw window does not reach the last cell");
        var path = new List<(int, int)>();
        int pi = lengthX,
            pj = lengthY;
        while (!(pi == 0 && pj == 0))
        {
            path.Add((pi - 1, pj - 1));
            var c = pj - first[pi];
            // A cell outside the window is fastdtw's (inf,) default: following it would fail there too.
            if (c < 0 || c >= step[pi].Length)
                throw new InvalidOperationException($"fastdtw path left the window at ({pi - 1}, {pj - 1})");
            switch (step[pi][c])
            {
                case Up:
                    pi--;
                    break;
                case Left:
                    pj--;
                    break;
                default:
                    pi--;
                    pj--;
                    break;
            }
        }
        path.Reverse();
        return (cost[lengthX][end], path.ToArray());
    }

    private const byte Up = 0,
        Left = 1,
        Diagonal = 2;

    /// <summary>D[r, col], +∞ outside the row's window (D[0, 0] = 0 is row 0's only cell).</summary>
    private static double At(double[][] cost, int[] first, int r, int col)
    {
        var c = col - first[r];
        return c >= 0 && c < cost[r].Length ? cost[r][c] : double.PositiveInfinity;
    }
}
