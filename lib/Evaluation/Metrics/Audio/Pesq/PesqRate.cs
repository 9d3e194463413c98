namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>The constants of P.862 that depend on the sample rate (8 or 16 kHz).</summary>
internal sealed class PesqRate
{
    /// <summary>Samples per alignment envelope window (4 ms): the time resolution of the VAD and crude delay.</summary>
    public int Downsample { get; }

    /// <summary>FFT length of the fine (frame-histogram) alignment: 64 ms.</summary>
    public int AlignFftLength { get; }

    /// <summary>Perceptual-model frame: 32 ms, Hann-windowed, hopped by half a frame.</summary>
    public int FrameLength => 8 * Downsample;

    /// <summary>Leading and trailing zeros added around each signal (75 envelope windows = 300 ms).</summary>
    public int SearchBuffer => SearchBufferWindows * Downsample;

    /// <summary>Extra zeros after each signal: 320 ms, so frames may read past its end.</summary>
    public int DataPadding => 320 * SampleRate / 1000;
    public int SampleRate { get; }

    /// <summary>Power-density scale Sp of the pitch power densities.</summary>
    public float PowerScale { get; }

    /// <summary>Loudness scale Sl of Zwicker's law.</summary>
    public float LoudnessScale { get; }
    public BarkBands Bands { get; }

    /// <summary>The IIR input filter of the alignment (the "standard IRS" response), as (b0 b1 b2 a1 a2) sections.</summary>
    public float[] AlignmentInputFilter { get; }

    /// <summary>Envelope windows of zeros around each signal.</summary>
    public const int SearchBufferWindows = 75;

    private PesqRate(int sampleRate, int downsample, int alignFftLength, float powerScale, BarkBands bands, float[] alignmentInputFilter)
    {
        SampleRate = sampleRate;
        Downsample = downsample;
        AlignFftLength = alignFftLength;
        PowerScale = powerScale;
        LoudnessScale = (float)1.866055e-1;
        Bands = bands;
        AlignmentInputFilter = alignmentInputFilter;
    }

    /// <summary>The constants for 8000 or 16000 Hz; any other rate is an error naming it.</summary>
    public static PesqRate For(int sampleRate) =>
        sampleRate switch
        {
            8000 => At8kHz,
            16000 => At16kHz,
            _ => throw new ArgumentException($"pesq: sample rate {sampleRate} Hz is not supported; P.862 needs 8000 or 16000 Hz"),
        };

    private static readonly PesqRate At8kHz = new(
        8000,
        32,
        512,
        (float)2.764344e-5,
        BarkBands.At8kHz,
        new[]
        {
            0.885535424f,
            -0.885535424f,
            0.000000000f,
            -0.771070709f,
            0.000000000f,
            0.895092588f,
            1.292907193f,
            0.449260174f,
            1.268869037f,
            0.442025372f,
            4.049527940f,
            -7.865190042f,
            3.815662102f,
            -1.746859852f,
            0.786305963f,
            0.500002353f,
            -0.500002353f,
            0.000000000f,
            0.000000000f,
            0.000000000f,
            0.565002834f,
            -0.241585934f,
            -0.306009671f,
            0.259688659f,
            0.249979657f,
            2.115237288f,
            0.919935084f,
            1.141240051f,
            -1.587313419f,
            0.665935315f,
            0.912224584f,
            -0.224397719f,
            -0.641121413f,
            -0.246029464f,
            -0.556720590f,
            0.444617727f,
            -0.307589321f,
            0.141638062f,
            -0.996391149f,
            0.502251622f,
        }
    );

    private static readonly PesqRate At16kHz = new(
        16000,
        64,
        1024,
        (float)6.910853e-6,
        BarkBands.At16kHz,
        new[]
        {
            0.325631521f,
            -0.086782860f,
            -0.238848661f,
            -1.079416490f,
            0.434583902f,
            0.403961804f,
            -0.556985881f,
            0.153024077f,
            -0.415115835f,
            0.696590244f,
            4.736162769f,
            3.287251046f,
            1.753289019f,
            -1.859599046f,
            0.876284034f,
            0.365373469f,
            0.000000000f,
            0.000000000f,
            -0.634626531f,
            0.000000000f,
            0.884811506f,
            0.000000000f,
            0.000000000f,
            -0.256725271f,
            0.141536777f,
            0.723593055f,
            -1.447186099f,
            0.723593044f,
            -1.129587469f,
            0.657232737f,
            1.644910855f,
            -1.817280902f,
            1.249658063f,
            -1.778403899f,
            0.801724355f,
            0.633692689f,
            -0.284644314f,
            -0.319789663f,
            0.000000000f,
            0.000000000f,
            1.032763031f,
            0.268428979f,
            0.602913323f,
            0.000000000f,
            0.000000000f,
            1.001616361f,
            -0.823749013f,
            0.439731942f,
            -0.885778255f,
            0.000000000f,
            0.752472096f,
            -0.375388990f,
            0.188977609f,
            -0.077258216f,
            0.247230734f,
            1.023700575f,
            0.001661628f,
            0.521284240f,
            -0.183867259f,
            0.354324187f,
        }
    );
}
