using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dino.Repro.Tests.App.Reporting;

/// <summary>A test-side PNG reader (8-bit RGB, filter 0, as the kit writes): checks chunk CRCs and inflates IDAT.</summary>
internal static class PngDecoder
{
    public static (int width, int height, byte[] rgb) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0,
            height = 0;
        var idat = new MemoryStream();
        var chunks = new List<string>();
        for (var at = 8; at < png.Length; )
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            if (type == "IDAT")
                idat.Write(data);
            at += 12 + length;
        }
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * 3;
        Assert.Equal(height * (stride + 1), raw.Length);
        var rgb = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (stride + 1)]);
            Array.Copy(raw, y * (stride + 1) + 1, rgb, y * stride, stride);
        }
        return (width, height, rgb);
    }

    // Written independently of the kit's table-driven CRC: bit by bit.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        }
        return ~c;
    }
}
