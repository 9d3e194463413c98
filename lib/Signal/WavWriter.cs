using System.Buffers.Binary;
using System.Text;

namespace Dino.Repro.Signal;

/// <summary>
/// Encodes audio as RIFF/WAVE bytes. Plain PCM / IEEE-float fmt chunks for mono and stereo at ≤ 16 bits; the
/// WAVE_FORMAT_EXTENSIBLE fmt chunk where the Microsoft spec asks for it (more than 2 channels, or PCM deeper
/// than 16 bits). Float files carry the fact chunk that non-PCM WAVs require.
/// </summary>
internal static class WavWriter
{
    public static byte[] Encode(AudioBuffer audio, WavSampleFormat format)
    {
        var channels = audio.ChannelCount;
        var bytesPerSample = format.BytesPerSample();
        var blockAlign = channels * bytesPerSample;
        var dataBytes = (long)audio.Length * blockAlign;
        if (dataBytes > uint.MaxValue - 100)
            throw new ArgumentException($"{audio.Length} frames × {blockAlign} bytes do not fit the 4 GiB limit of a RIFF file", nameof(audio));

        var extensible = channels > 2 || (format != WavSampleFormat.Float32 && format.BitsPerSample() > 16);
        var isFloat = format == WavSampleFormat.Float32;
        var fmtSize =
            extensible ? 40
            : isFloat ? 18
            : 16;
        var factSize = isFloat ? 12 : 0; // "fact" header (8) + frame count (4)
        var pad = (int)(dataBytes & 1);
        var total = 12 + 8 + fmtSize + factSize + 8 + dataBytes + pad;
        var bytes = new byte[total];
        var span = bytes.AsSpan();

        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(total - 8));
        Encoding.ASCII.GetBytes("WAVE", span[8..]);

        var p = 12;
        Encoding.ASCII.GetBytes("fmt ", span[p..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 4)..], (uint)fmtSize);
        var fmt = span.Slice(p + 8, fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? WavCodes.Extensible : format.FormatCode());
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)(audio.SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)format.BitsPerSample());
        if (fmtSize > 16)
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[16..], (ushort)(fmtSize - 18)); // cbSize
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[18..], (ushort)format.BitsPerSample()); // valid bits
            // Speaker mask: the first N standard positions (FL, FR, FC, LFE, …); 0 = no assignment beyond 18.
            BinaryPrimitives.WriteUInt32LittleEndian(fmt[20..], channels <= 18 ? (uint)((1 << channels) - 1) : 0u);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[24..], format.FormatCode());
            WavCodes.SubFormatTail.CopyTo(fmt[26..]);
        }
        p += 8 + fmtSize;

        if (isFloat)
        {
            Encoding.ASCII.GetBytes("fact", span[p..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 8)..], (uint)audio.Length);
            p += factSize;
        }

        Encoding.ASCII.GetBytes("data", span[p..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 4)..], (uint)dataBytes);
        p += 8;
        for (var i = 0; i < audio.Length; i++)
        {
            for (var c = 0; c < channels; c++, p += bytesPerSample)
                EncodeOne(audio.Channels[c][i], format, span.Slice(p, bytesPerSample), c, i);
        }
        return bytes;
    }

    // Integer formats scale by 2^(bits-1) (the reader's divisor, so int → float → int is exact) and clip.
    private static void EncodeOne(float x, WavSampleFormat format, Span<byte> b, int channel, int index)
    {
        if (format == WavSampleFormat.Float32)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, x);
            return;
        }
        if (float.IsNaN(x))
            throw new ArgumentException($"sample {index} of channel {channel} is NaN; an integer WAV cannot store it");
        switch (format)
        {
            case WavSampleFormat.Pcm8:
                b[0] = (byte)(Quantise(x, 128) + 128);
                break;
            case WavSampleFormat.Pcm16:
                BinaryPrimitives.WriteInt16LittleEndian(b, (short)Quantise(x, 32768));
                break;
            case WavSampleFormat.Pcm24:
                var v = (int)Quantise(x, 8388608);
                b[0] = (byte)v;
                b[1] = (byte)(v >> 8);
                b[2] = (byte)(v >> 16);
                break;
            case WavSampleFormat.Pcm32:
                BinaryPrimitives.WriteInt32LittleEndian(b, (int)Quantise(x, 2147483648.0));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static long Quantise(float x, double full) => (long)Math.Clamp(Math.Round(x * full, MidpointRounding.ToEven), -full, full - 1);
}
