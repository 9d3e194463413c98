namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// A magnitude response given as (Hz, dB) points, linearly interpolated (and extrapolated from the end segments),
/// applied in one FFT over the whole signal and normalised to 0 dB at 1 kHz (P.862).
/// </summary>
internal sealed class FilterCurve
{
    private readonly (double hz, double db)[] points;

    private FilterCurve((double hz, double db)[] points) => this.points = points;

    /// <summary>The level-alignment filter: pass 350 Hz – 3.25 kHz, block the rest (P.862).</summary>
    public static FilterCurve LevelAlignment { get; } =
        new(
            new (double, double)[]
            {
                (0, -500),
                (50, -500),
                (100, -500),
                (125, -500),
                (160, -500),
                (200, -500),
                (250, -500),
                (300, -500),
                (350, 0),
                (400, 0),
                (500, 0),
                (600, 0),
                (630, 0),
                (800, 0),
                (1000, 0),
                (1250, 0),
                (1600, 0),
                (2000, 0),
                (2500, 0),
                (3000, 0),
                (3250, 0),
                (3500, -500),
                (4000, -500),
                (5000, -500),
                (6300, -500),
                (8000, -500),
            }
        );

    /// <summary>The modified IRS receive characteristic of the narrowband model (P.862).</summary>
    public static FilterCurve IrsReceive { get; } =
        new(
            new (double, double)[]
            {
                (0, -200),
                (50, -40),
                (100, -20),
                (125, -12),
                (160, -6),
                (200, 0),
                (250, 4),
                (300, 6),
                (350, 8),
                (400, 10),
                (500, 11),
                (600, 12),
                (700, 12),
                (800, 12),
                (1000, 12),
                (1300, 12),
                (1600, 12),
                (2000, 12),
                (2500, 12),
                (3000, 12),
                (3250, 12),
                (3500, 4),
                (4000, -200),
                (5000, -200),
                (6300, -200),
                (8000, -200),
            }
        );

    /// <summary>The gain in dB at <paramref name="hz"/>.</summary>
    public float GainDb(float hz)
    {
        var i = 1;
        if (hz >= points[^1].hz)
            i = points.Length - 1;
        else if (hz > points[0].hz)
        {
            while (points[i].hz < hz)
                i++;
        }
        var (lowHz, lowDb) = points[i - 1];
        var (highHz, highDb) = points[i];
        return (float)(((hz - lowHz) * highDb + (highHz - hz) * lowDb) / (highHz - lowHz));
    }

    /// <summary>Filters <paramref name="length"/> samples of <paramref name="data"/> from <paramref name="start"/>
    /// in place (zero-padded to a power of two; the tail of the circular result is dropped).</summary>
    public void ApplyInPlace(float[] data, int start, int length, int sampleRate)
    {
        var n = SinglePrecisionFft.NextPowerOfTwo(length);
        var x = new float[n + 2];
        Array.Copy(data, start, x, 0, length);
        SinglePrecisionFft.RealForward(x, n);
        var gainAt1kHz = GainDb(1000);
        var resolution = (float)sampleRate / n;
        for (var k = 0; k <= n / 2; k++)
        {
            var db = GainDb(k * resolution) - gainAt1kHz;
            var factor = (float)Math.Pow(10, db / 20f);
            x[2 * k] *= factor;
            x[2 * k + 1] *= factor;
        }
        SinglePrecisionFft.RealInverse(x, n);
        Array.Copy(x, 0, data, start, length);
    }
}
