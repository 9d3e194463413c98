using System.Buffers.Binary;
using System.IO.Compression;

namespace Dino.Repro.App.Reporting;

/// <summary>
/// Writes 8-bit RGB PNG files with nothing but the base library: IHDR, one zlib-compressed IDAT (every scanline
/// with filter 0), IEND, each chunk with its CRC-32.
/// </summary>
public static class PngEncoder
{
    public static ReadOnlySpan<byte> Signature => new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>Encodes <paramref name="rgb"/> (height rows of width × 3 bytes, top row first).</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}×{height} must be positive");
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"{width}×{height} RGB needs {width * height * 3} bytes, got {rgb.Length}", nameof(rgb));

        using var png = new MemoryStream();
        png.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        WriteChunk(png, "IHDR", header);

        using (var idat = new MemoryStream())
        {
            using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                var stride = width * 3;
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type: none
                    zlib.Write(rgb.Slice(y * stride, stride));
                }
            }
            WriteChunk(png, "IDAT", idat.ToArray());
        }
        WriteChunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        output.Write(word);
    }

    private static readonly uint[] CrcTable = MakeCrcTable();

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The CRC-32 of the PNG specification (polynomial 0xEDB88320, as zlib).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
