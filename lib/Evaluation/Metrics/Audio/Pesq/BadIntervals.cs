namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Realignment of bad intervals (P.862): runs of at least 5 frames whose symmetric disturbance
/// exceeds 30 (after smearing over ±2 frames) may be misaligned. Each run's delay is re-estimated from the
/// cross-correlation of the sample magnitudes within ±4 frames; where that correlation reaches 0.5, the shifted
/// degraded signal is scored again and each frame keeps the smaller disturbance.
/// </summary>
internal static class BadIntervals
{
    public const float BadFrameThreshold = 30;
    private const int SmearFrames = 2;
    private const int MinFrames = 5;
    private const float MinCorrelation = 0.5f;

    /// <summary>Frame ranges [start, stop) of the bad intervals; an interval still open at the last frame is ignored.</summary>
    public static List<(int start, int stop)> Find(float[] symmetric, int stopFrame)
    {
        var bad = new bool[stopFrame + 1];
        for (var f = 1; f <= stopFrame; f++)
            bad[f] = symmetric[f] > BadFrameThreshold;
        // A frame stays bad when frames on both sides within the smear range are bad: this fills short gaps.
        var smeared = new bool[stopFrame + 1];
        for (var f = SmearFrames; f < stopFrame - SmearFrames; f++)
        {
            bool left = false,
                right = false;
            for (var i = -SmearFrames; i <= 0; i++)
                left |= bad[f + i];
            for (var i = 0; i <= SmearFrames; i++)
                right |= bad[f + i];
            smeared[f] = left && right;
        }

        var intervals = new List<(int, int)>();
        var frame = 0;
        while (frame <= stopFrame)
        {
            while (frame <= stopFrame && !smeared[frame])
                frame++;
            if (frame > stopFrame)
                break;
            var start = frame;
            while (frame <= stopFrame && smeared[frame])
                frame++;
            if (frame <= stopFrame && frame - start >= MinFrames)
                intervals.Add((start, frame));
        }
        return intervals;
    }

    /// <summary>The degraded samples of each interval ([start, stop) frames → samples covering their windows) moved by
    /// the interval's own delay; elsewhere <paramref name="aligned"/> unchanged.</summary>
    public static float[] Realign(List<(int start, int stop)> intervals, float[] reference, float[] aligned, int longerLength, PesqRate rate)
    {
        var hop = rate.FrameLength / 2;
        var searchRange = 4 * rate.FrameLength;
        var realigned = aligned[..(longerLength + rate.DataPadding)];
        foreach (var (startFrame, stopFrame) in intervals)
        {
            var startSample = startFrame * hop + rate.SearchBuffer;
            var stopSample = stopFrame * hop + rate.FrameLength + rate.SearchBuffer;
            var count = stopSample - startSample;
            var refPart = new float[2 * searchRange + count];
            Array.Copy(reference, startSample, refPart, searchRange, count);
            var degPart = new float[refPart.Length];
            var last = longerLength - rate.SearchBuffer + rate.DataPadding - 1;
            for (var i = 0; i < degPart.Length; i++)
                degPart[i] = aligned[Math.Clamp(startSample - searchRange + i, rate.SearchBuffer, last)];

            var (delay, correlation) = MagnitudeDelay(refPart, degPart, searchRange);
            if (correlation < MinCorrelation)
                delay = 0;
            for (var i = startSample; i < stopSample; i++)
                realigned[i] = aligned[Math.Clamp(i + delay, 0, longerLength - 1)];
        }
        return realigned;
    }

    /// <summary>Lag in (−range, range) of the largest |cross-correlation| of |x| and |y|, and that correlation
    /// normalised by the signals' powers; (0, 0) when either is (nearly) silent.</summary>
    public static (int delay, float correlation) MagnitudeDelay(float[] x, float[] y, int range)
    {
        var n = x.Length;
        var size = SinglePrecisionFft.NextPowerOfTwo(2 * n);
        var powerX = PesqSignal.MeanPower(x, 0, n, n) * n / size;
        var powerY = PesqSignal.MeanPower(y, 0, n, n) * n / size;
        if (powerX <= 1e-6 || powerY <= 1e-6)
            return (0, 0f);
        var normalisation = Math.Sqrt(powerX * powerY);

        var fx = new float[size + 2];
        var fy = new float[size + 2];
        for (var i = 0; i < n; i++)
        {
            fx[i] = Math.Abs(x[i]);
            fy[i] = Math.Abs(y[i]);
        }
        SinglePrecisionFft.RealForward(fx, size);
        SinglePrecisionFft.RealForward(fy, size);
        for (var i = 0; i < size + 2; i++)
            fx[i] /= size;
        var cross = new float[size + 2];
        for (var k = 0; k <= size / 2; k++)
        {
            float re1 = fx[2 * k],
                im1 = fx[2 * k + 1],
                re2 = fy[2 * k],
                im2 = fy[2 * k + 1];
            cross[2 * k] = re1 * re2 + im1 * im2;
            cross[2 * k + 1] = -im1 * re2 + re1 * im2;
        }
        SinglePrecisionFft.RealInverse(cross, size);

        var best = 0;
        var max = 0f;
        for (var lag = -range; lag < range; lag++)
        {
            var h = Math.Abs(cross[lag < 0 ? lag + size : lag]) / normalisation;
            if (h > max)
            {
                max = (float)h;
                best = lag;
            }
        }
        return (best, max);
    }
}
