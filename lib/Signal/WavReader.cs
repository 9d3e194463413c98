using System.Buffers.Binary;
using System.Text;

namespace Dino.Repro.Signal;

/// <summary>
/// Parses RIFF/WAVE (Microsoft "Multimedia Programming Interface and Data Specifications 1.0", and the
/// WAVE_FORMAT_EXTENSIBLE addendum): walks the chunk list, skips chunks it does not need (LIST, fact, cue…),
/// honours the pad byte after odd-sized chunks, and decodes PCM 8/16/24/32-bit and float32 to [-1, 1].
/// Every defect is an <see cref="InvalidDataException"/> that names the source and the problem.
/// </summary>
internal static class WavReader
{
    // Some streaming writers leave the data size at 0xFFFFFFFF ("until the end of the file").
    private const uint UnknownDataSize = 0xFFFFFFFF;

    internal readonly record struct Layout(WavHeader Header, long DataOffset, long DataBytes);

    public static Layout ReadLayout(Stream stream, string source)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[12];
        if (length < 12 || !ReadExactly(stream, head))
            throw Bad(source, $"the file is {length} bytes, too short for a RIFF/WAVE header (12 bytes)");
        var riff = Ascii(head[..4]);
        if (riff == "RIFX")
            throw Bad(source, "big-endian RIFX files are not supported");
        if (riff != "RIFF")
            throw Bad(source, $"no RIFF header (the file starts with '{Printable(head[..4])}')");
        var form = Ascii(head[8..12]);
        if (form != "WAVE")
            throw Bad(source, $"the RIFF form type is '{Printable(head[8..12])}', not WAVE");

        byte[]? fmt = null;
        long dataOffset = -1,
            dataBytes = 0;
        var dataSizeUnknown = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        var position = 12L;
        while (position + 8 <= length)
        {
            stream.Position = position;
            ReadExactly(stream, chunkHeader);
            var id = Ascii(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var bodyStart = position + 8;
            var remaining = length - bodyStart;
            if (id == "data")
            {
                if (dataOffset >= 0)
                    break; // a second data chunk is not part of the sound
                dataOffset = bodyStart;
                if (size == UnknownDataSize)
                {
                    dataSizeUnknown = true;
                    dataBytes = remaining;
                    break;
                }
                if (size > remaining)
                    throw Bad(source, $"the data chunk declares {size} bytes but only {remaining} remain (truncated file)");
                dataBytes = size;
            }
            else if (id == "fmt ")
            {
                if (size > remaining)
                    throw Bad(source, $"the fmt chunk declares {size} bytes but only {remaining} remain (truncated file)");
                fmt = new byte[size];
                ReadExactly(stream, fmt);
            }
            else if (size > remaining)
            {
                // A damaged trailing chunk (often metadata) after the sound does not spoil the sound.
                if (dataOffset >= 0 && fmt is not null)
                    break;
                throw Bad(source, $"chunk '{Printable(chunkHeader[..4])}' declares {size} bytes but only {remaining} remain (truncated file)");
            }
            position = bodyStart + size + (size & 1); // odd-sized chunks are followed by one pad byte
        }

        if (fmt is null)
            throw Bad(source, "no fmt chunk");
        if (dataOffset < 0)
            throw Bad(source, "no data chunk");
        var (format, channels, rate, extensible) = ParseFmt(fmt, source);
        var blockAlign = channels * format.BytesPerSample();
        if (dataBytes % blockAlign != 0)
        {
            if (!dataSizeUnknown)
                throw Bad(
                    source,
                    $"the data chunk size {dataBytes} is not a multiple of the block align {blockAlign} ({channels} channels × "
                        + $"{format.BytesPerSample()} bytes)"
                );
            dataBytes -= dataBytes % blockAlign; // a streamed file may end mid-frame
        }
        return new Layout(new WavHeader(format, channels, rate, dataBytes / blockAlign, extensible), dataOffset, dataBytes);
    }

    private static (WavSampleFormat format, int channels, int rate, bool extensible) ParseFmt(byte[] fmt, string source)
    {
        if (fmt.Length < 16)
            throw Bad(source, $"the fmt chunk is {fmt.Length} bytes, shorter than the 16 every WAV header needs");
        var code = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
        int declaredBlockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(12));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
        if (channels == 0)
            throw Bad(source, "the fmt chunk declares zero channels");
        if (rate == 0 || rate > int.MaxValue)
            throw Bad(source, $"the fmt chunk declares an invalid sample rate {rate}");

        var extensible = code == WavCodes.Extensible;
        if (extensible)
        {
            // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) SubFormat GUID(16), whose first two bytes are the code.
            if (fmt.Length < 40)
                throw Bad(source, $"the WAVE_FORMAT_EXTENSIBLE fmt chunk is {fmt.Length} bytes, shorter than 40");
            if (!fmt.AsSpan(26, 14).SequenceEqual(WavCodes.SubFormatTail))
                throw Bad(source, "the WAVE_FORMAT_EXTENSIBLE sub-format is not a KSDATAFORMAT_SUBTYPE GUID (PCM or IEEE float)");
            code = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
        }

        WavSampleFormat format = (code, bits) switch
        {
            (WavCodes.Pcm, 8) => WavSampleFormat.Pcm8,
            (WavCodes.Pcm, 16) => WavSampleFormat.Pcm16,
            (WavCodes.Pcm, 24) => WavSampleFormat.Pcm24,
            (WavCodes.Pcm, 32) => WavSampleFormat.Pcm32,
            (WavCodes.IeeeFloat, 32) => WavSampleFormat.Float32,
            (WavCodes.Pcm, _) => throw Bad(source, $"unsupported PCM bit depth {bits} (8, 16, 24 or 32 are read)"),
            (WavCodes.IeeeFloat, _) => throw Bad(source, $"unsupported IEEE float bit depth {bits} (only 32 is read)"),
            _ => throw Bad(
                source,
                $"unsupported format code 0x{code:X4}{FormatName(code)}; only PCM (1), IEEE float (3) and extensible wrappers of them are read — "
                    + "convert it with AudioDecoder (ffmpeg)"
            ),
        };
        var blockAlign = channels * format.BytesPerSample();
        if (declaredBlockAlign != blockAlign)
            throw Bad(
                source,
                $"the block align {declaredBlockAlign} does not match {channels} channels × {format.BytesPerSample()} bytes = {blockAlign}"
            );
        return (format, channels, (int)rate, extensible);
    }

    private static string FormatName(ushort code) =>
        code switch
        {
            0x0002 => " (Microsoft ADPCM)",
            0x0006 => " (A-law)",
            0x0007 => " (µ-law)",
            0x0011 => " (IMA ADPCM)",
            0x0055 => " (MPEG Layer 3)",
            _ => "",
        };

    /// <summary>De-interleaves and scales the data bytes to one float array per channel.</summary>
    public static float[][] DecodeSamples(ReadOnlySpan<byte> data, WavSampleFormat format, int channelCount)
    {
        var bytes = format.BytesPerSample();
        var frames = data.Length / (bytes * channelCount);
        var channels = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
            channels[c] = new float[frames];
        var offset = 0;
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channelCount; c++, offset += bytes)
                channels[c][i] = DecodeOne(data.Slice(offset, bytes), format);
        }
        return channels;
    }

    private static float DecodeOne(ReadOnlySpan<byte> b, WavSampleFormat format) =>
        format switch
        {
            WavSampleFormat.Pcm8 => (b[0] - 128) / 128f,
            WavSampleFormat.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
            // Sign-extend 3 bytes by placing them in the top of an int and shifting back.
            WavSampleFormat.Pcm24 => ((b[0] << 8 | b[1] << 16 | b[2] << 24) >> 8) / 8388608f,
            WavSampleFormat.Pcm32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648.0),
            WavSampleFormat.Float32 => BinaryPrimitives.ReadSingleLittleEndian(b),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };

    internal static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    internal static InvalidDataException Bad(string source, string problem) => new($"{source} is not a readable WAV file: {problem}");

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return text.ToString();
    }
}
