namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// The front end STOI and extended STOI share (Taal 2011, sec. II; pystoi 0.4.1): constants, resampling to
/// 10 kHz, silent-frame removal, and the one-third-octave band envelopes of 256-sample Hann frames.
/// </summary>
internal static class StoiFraming
{
    public const int SampleRate = 10000;
    public const int FrameLength = 256;
    public const int Hop = FrameLength / 2;
    public const int FftSize = 512;
    public const int Bands = 15;
    public const double MinFrequency = 150;

    /// <summary>Frames per intermediate-intelligibility segment: 30 frames = 384 ms (Taal 2011, sec. II-A).</summary>
    public const int SegmentFrames = 30;
    public const double DynamicRange = 40;

    /// <summary>numpy.finfo(float).eps, which pystoi adds to norms to avoid dividing by zero.</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>What pystoi returns when fewer than <see cref="SegmentFrames"/> frames remain.</summary>
    public const double TooShortValue = 1e-5;

    private static readonly (int first, int end)[] BandEdges = ThirdOctaveBands.Edges(SampleRate, FftSize, Bands, MinFrequency);

    /// <summary>
    /// Frame starts 0, hop, … below length − frameLength (pystoi's range(0, len(x) − framelen, hop): the last full frame is skipped when it ends
    /// exactly at the signal's end).
    /// </summary>
    public static int[] FrameStarts(int length, int frameLength, int hop)
    {
        var count = length - frameLength <= 0 ? 0 : (length - frameLength + hop - 1) / hop;
        var starts = new int[count];
        for (var f = 0; f < count; f++)
            starts[f] = f * hop;
        return starts;
    }

    /// <summary>
    /// Checks the pair, resamples both to 10 kHz, removes silent frames and returns the band envelopes
    /// [frame][band] of both signals (Taal 2011, eq. 1: the norm of the DFT bins in each band).
    /// </summary>
    public static (double[][] reference, double[][] degraded) Envelopes(double[] reference, double[] degraded, int sampleRate, string metric)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(degraded);
        AudioMetricInput.RequirePositiveRate(sampleRate, metric);
        AudioMetricInput.RequireSameLength(reference, degraded, metric);
        AudioMetricInput.RequireFinite(reference, "reference", metric);
        AudioMetricInput.RequireFinite(degraded, "degraded", metric);
        AudioMetricInput.RequireNotSilent(reference, "reference", metric);
        var x = sampleRate == SampleRate ? reference : OctaveResampler.Resample(reference, SampleRate, sampleRate);
        var y = sampleRate == SampleRate ? degraded : OctaveResampler.Resample(degraded, SampleRate, sampleRate);
        (x, y) = SilentFrameRemoval.Apply(x, y, DynamicRange, FrameLength, Hop);
        return (BandEnvelopes(x), BandEnvelopes(y));
    }

    private static double[][] BandEnvelopes(double[] signal)
    {
        var window = NumpyWindows.Hanning(FrameLength + 2)[1..^1];
        var starts = FrameStarts(signal.Length, FrameLength, Hop);
        var envelopes = new double[starts.Length][];
        var frame = new double[FrameLength];
        for (var f = 0; f < starts.Length; f++)
        {
            for (var n = 0; n < FrameLength; n++)
                frame[n] = window[n] * signal[starts[f] + n];
            var power = PowerSpectrum.Compute(frame, FftSize);
            var bands = new double[Bands];
            for (var b = 0; b < Bands; b++)
            {
                double sum = 0;
                for (var k = BandEdges[b].first; k < BandEdges[b].end; k++)
                    sum += power[k];
                bands[b] = Math.Sqrt(sum);
            }
            envelopes[f] = bands;
        }
        return envelopes;
    }

    /// <summary>Euclidean norm of a vector.</summary>
    public static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (var x in v)
            sum += x * x;
        return Math.Sqrt(sum);
    }

    public static double Mean(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (var x in v)
            sum += x;
        return sum / v.Length;
    }
}
