namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// One signal as the P.862 model holds it: <see cref="PesqRate.SearchBuffer"/> zeros, the samples, the same
/// number of zeros again (together <see cref="Length"/>), then <see cref="PesqRate.DataPadding"/> more zeros
/// that frames and filters may read.
/// </summary>
internal sealed class PesqSignal
{
    public float[] Data { get; private set; }

    /// <summary>Samples including both search buffers (the reference's "Nsamples").</summary>
    public int Length { get; }

    private PesqSignal(float[] data, int length)
    {
        Data = data;
        Length = length;
    }

    public static PesqSignal FromSamples(ReadOnlySpan<float> samples, PesqRate rate)
    {
        var length = samples.Length + 2 * rate.SearchBuffer;
        var data = new float[length + rate.DataPadding];
        samples.CopyTo(data.AsSpan(rate.SearchBuffer));
        return new PesqSignal(data, length);
    }

    public PesqSignal Clone() => new((float[])Data.Clone(), Length);

    /// <summary>Zero-extends the stored samples so that <paramref name="length"/> + padding can be read.</summary>
    public void ExtendTo(int length, PesqRate rate)
    {
        if (Data.Length >= length + rate.DataPadding)
            return;
        var data = Data;
        Array.Resize(ref data, length + rate.DataPadding);
        Data = data;
    }

    /// <summary>Σ x² over [start, stop) divided by <paramref name="divisor"/>; squares in float, sum in double, as P.862 does.</summary>
    public static double MeanPower(float[] x, long start, long stop, long divisor)
    {
        double power = 0;
        for (var i = start; i < stop; i++)
        {
            var h = x[i];
            power += h * h;
        }
        return power / divisor;
    }
}
