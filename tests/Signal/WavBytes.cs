using System.Buffers.Binary;
using System.Text;

namespace Dino.Repro.Tests.Signal;

/// <summary>Builds WAV files byte by byte, so reader tests control every header field (including wrong ones).</summary>
internal static class WavBytes
{
    /// <summary>A 16-byte PCM/float fmt body; blockAlign defaults to channels × bits/8.</summary>
    public static byte[] Fmt(ushort code, int channels, int rate, int bits, int? blockAlign = null)
    {
        var align = blockAlign ?? channels * bits / 8;
        var b = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(b, code);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        return b;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose sub-format GUID carries <paramref name="subCode"/>.</summary>
    public static byte[] FmtExtensible(ushort subCode, int channels, int rate, int bits)
    {
        var b = new byte[40];
        Fmt(0xFFFE, channels, rate, bits).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 22); // cbSize
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)bits); // valid bits
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), channels == 2 ? 3u : 4u); // FL|FR, or FC
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(24), subCode);
        new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 }.CopyTo(b, 26);
        return b;
    }

    /// <summary>A chunk: id, little-endian size (the body's length unless given), body, and the pad byte after an odd body.</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var pad = body.Length % 2;
        var b = new byte[8 + body.Length + pad];
        Encoding.ASCII.GetBytes(id).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(b, 8);
        return b;
    }

    public static byte[] Riff(params byte[][] chunks) => Riff("RIFF", "WAVE", chunks);

    public static byte[] Riff(string magic, string form, params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var b = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes(magic).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes(form).CopyTo(b, 8);
        body.CopyTo(b, 12);
        return b;
    }

    public static byte[] Int16s(params short[] values) => values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();

    public static byte[] Int32s(params int[] values) => values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();

    public static byte[] Floats(params float[] values) => values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();

    /// <summary>Little-endian 3-byte two's complement.</summary>
    public static byte[] Int24s(params int[] values) => values.SelectMany(v => new[] { (byte)v, (byte)(v >> 8), (byte)(v >> 16) }).ToArray();
}
