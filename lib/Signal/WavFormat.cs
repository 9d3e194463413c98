namespace Dino.Repro.Signal;

/// <summary>The sample encodings the WAV reader understands (and the writer produces).</summary>
public enum WavSampleFormat
{
    /// <summary>8-bit unsigned PCM, silence at 128; read as (b − 128) / 128.</summary>
    Pcm8,

    /// <summary>16-bit signed little-endian PCM; read as s / 32768.</summary>
    Pcm16,

    /// <summary>24-bit signed little-endian PCM (3 bytes); read as s / 2²³.</summary>
    Pcm24,

    /// <summary>32-bit signed little-endian PCM; read as s / 2³¹.</summary>
    Pcm32,

    /// <summary>IEEE 754 float32, taken as is.</summary>
    Float32,
}

/// <summary>What a WAV file's fmt and data chunks say.</summary>
/// <param name="Format">The sample encoding (WAVE_FORMAT_EXTENSIBLE is resolved to the encoding it carries).</param>
/// <param name="ChannelCount">Interleaved channels per frame.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="FrameCount">Samples per channel in the data chunk.</param>
/// <param name="Extensible">True when the fmt chunk was WAVE_FORMAT_EXTENSIBLE (0xFFFE).</param>
public sealed record WavHeader(WavSampleFormat Format, int ChannelCount, int SampleRate, long FrameCount, bool Extensible)
{
    public int BitsPerSample => Format.BitsPerSample();
    public int BlockAlign => ChannelCount * Format.BytesPerSample();
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);
}

public static class WavSampleFormatExtensions
{
    public static int BytesPerSample(this WavSampleFormat format) =>
        format switch
        {
            WavSampleFormat.Pcm8 => 1,
            WavSampleFormat.Pcm16 => 2,
            WavSampleFormat.Pcm24 => 3,
            WavSampleFormat.Pcm32 or WavSampleFormat.Float32 => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown WAV sample format"),
        };

    public static int BitsPerSample(this WavSampleFormat format) => 8 * format.BytesPerSample();

    /// <summary>The fmt chunk's format code: 1 (PCM) or 3 (IEEE float).</summary>
    public static ushort FormatCode(this WavSampleFormat format) => format == WavSampleFormat.Float32 ? WavCodes.IeeeFloat : WavCodes.Pcm;
}

/// <summary>Format codes and the KSDATAFORMAT GUID tail from the Microsoft RIFF/WAVE specification (mmreg.h, ksmedia.h).</summary>
internal static class WavCodes
{
    public const ushort Pcm = 0x0001;
    public const ushort IeeeFloat = 0x0003;
    public const ushort Extensible = 0xFFFE;

    /// <summary>Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID (the first two hold the format code).</summary>
    public static ReadOnlySpan<byte> SubFormatTail =>
        new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
}
