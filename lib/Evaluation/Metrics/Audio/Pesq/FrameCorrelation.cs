namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The per-frame step of the fine alignment (P.862): cross-correlate one Hann-windowed 64 ms frame
/// of each signal and return the lags whose |correlation| exceeds 0.99 × the frame's maximum, with that maximum
/// weighted as max^0.125 (the vote each lag gets in the delay histogram).
/// </summary>
internal sealed class FrameCorrelation
{
    private readonly float[] window;
    private readonly float[] x1;
    private readonly float[] x2;
    public int Length { get; }

    public FrameCorrelation(int length)
    {
        Length = length;
        window = SinglePrecisionFft.HannWindow(length);
        x1 = new float[length + 2];
        x2 = new float[length + 2];
    }

    /// <summary>Lags (0..Length−1, circular) voted for by the frame pair starting at <paramref name="referenceStart"/>
    /// and <paramref name="degradedStart"/>, and the weight of the vote.</summary>
    public (List<int> lags, float weight) Votes(float[] reference, int referenceStart, float[] degraded, int degradedStart)
    {
        for (var i = 0; i < Length; i++)
        {
            x1[i] = reference[referenceStart + i] * window[i];
            x2[i] = degraded[degradedStart + i] * window[i];
        }
        SinglePrecisionFft.RealForward(x1, Length);
        SinglePrecisionFft.RealForward(x2, Length);
        // conj(X1) · X2: the correlation peaks at the lag of the degraded frame.
        for (var k = 0; k <= Length / 2; k++)
        {
            float r1 = x1[2 * k],
                i1 = -x1[2 * k + 1];
            x1[2 * k] = r1 * x2[2 * k] - i1 * x2[2 * k + 1];
            x1[2 * k + 1] = r1 * x2[2 * k + 1] + i1 * x2[2 * k];
        }
        SinglePrecisionFft.RealInverse(x1, Length);
        var max = 0f;
        for (var i = 0; i < Length; i++)
        {
            x1[i] = Math.Abs(x1[i]);
            if (x1[i] > max)
                max = x1[i];
        }
        max *= 0.99f;
        var lags = new List<int>();
        for (var i = 0; i < Length; i++)
        {
            if (x1[i] > max)
                lags.Add(i);
        }
        return (lags, (float)Math.Pow(max, 0.125));
    }

    /// <summary>A histogram index (0..Length−1) as a signed lag.</summary>
    public int SignedLag(int index) => index >= Length / 2 ? index - Length : index;
}
