namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Histogram of frame delays smoothed by a triangular kernel of ±Length/64 samples (P.862).
/// Used by the re-split test, which smooths each vote as it arrives; the per-utterance alignment smooths once at
/// the end (<see cref="FineAlignment"/>). The peak is the delay, its share of all votes the confidence.
/// </summary>
internal sealed class DelayHistogram
{
    private readonly FrameCorrelation correlation;
    private readonly float[] bins;
    private readonly int kernel;
    private float total;

    public DelayHistogram(FrameCorrelation correlation)
    {
        this.correlation = correlation;
        bins = new float[correlation.Length];
        kernel = correlation.Length / 64;
    }

    public void Add(float[] reference, int referenceStart, float[] degraded, int degradedStart)
    {
        var (lags, weight) = correlation.Votes(reference, referenceStart, degraded, degradedStart);
        var share = weight / kernel;
        var n = bins.Length;
        foreach (var lag in lags)
        {
            total += share * kernel;
            for (var k = 1 - kernel; k < kernel; k++)
                bins[(lag + k + n) % n] += share * (kernel - (float)Math.Abs(k));
        }
    }

    /// <summary>The signed lag of the highest bin and its share of the total (0 without votes).</summary>
    public (int lag, float confidence) Peak()
    {
        var (index, height) = HighestBin(bins);
        return (correlation.SignedLag(index), total > 0 ? height / total : 0f);
    }

    /// <summary>First index of the maximum (index 0 when every bin is 0).</summary>
    public static (int index, float height) HighestBin(float[] values)
    {
        var index = 0;
        var height = 0f;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > height)
            {
                height = values[i];
                index = i;
            }
        }
        return (index, height);
    }
}
