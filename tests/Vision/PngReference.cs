using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dino.Repro.Tests.Vision;

/// <summary>
/// A minimal PNG reader and writer written from the PNG specification (chunks, zlib, the five filters), with no
/// OpenCV involved: the independent side against which the kit's decoder and encoder are checked.
/// Non-interlaced, bit depth 8 or 16, colour types 0 (gray), 2 (RGB), 4 (gray+alpha), 6 (RGBA).
/// </summary>
public static class PngReference
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public sealed record Image(int Width, int Height, int BitDepth, int ColorType, int[] Samples)
    {
        public int Channels => ChannelsOf(ColorType);
    }

    /// <summary>Width and height from the IHDR chunk only.</summary>
    public static (int width, int height) Size(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException("not a PNG signature");
        if (Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
            throw new InvalidDataException("first chunk is not IHDR");
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }

    public static Image Decode(byte[] png)
    {
        var (width, height) = Size(png);
        int depth = png[24],
            colorType = png[25],
            interlace = png[28];
        if (interlace != 0 || depth is not (8 or 16))
            throw new NotSupportedException($"reference decoder: depth {depth}, interlace {interlace}");
        var idat = new MemoryStream();
        for (var at = 8; at < png.Length; )
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
                idat.Write(png, at + 8, length);
            if (type == "PLTE")
                throw new NotSupportedException("reference decoder: palette images");
            at += 12 + length;
        }
        idat.Position = 0;
        var raw = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            z.CopyTo(raw);
        var data = raw.ToArray();
        var channels = ChannelsOf(colorType);
        var bpp = channels * depth / 8;
        var stride = width * bpp;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var line = data.AsSpan(y * (stride + 1) + 1, stride);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[y * stride + x] = (byte)(line[x] + predictor);
            }
        }
        var samples = new int[width * height * channels];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = depth == 8 ? pixels[i] : (pixels[2 * i] << 8) | pixels[2 * i + 1];
        return new Image(width, height, depth, colorType, samples);
    }

    /// <summary>Writes samples (row-major, interleaved channels) as a PNG, every row with filter "None" or "Sub".</summary>
    public static byte[] Encode(int width, int height, int bitDepth, int colorType, int[] samples, bool subFilter = false)
    {
        var channels = ChannelsOf(colorType);
        var bpp = channels * bitDepth / 8;
        var stride = width * bpp;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = new byte[stride];
            for (var i = 0; i < width * channels; i++)
            {
                var v = samples[y * width * channels + i];
                if (bitDepth == 8)
                    row[i] = (byte)v;
                else
                {
                    row[2 * i] = (byte)(v >> 8);
                    row[2 * i + 1] = (byte)v;
                }
            }
            raw[y * (stride + 1)] = (byte)(subFilter ? 1 : 0);
            for (var x = 0; x < stride; x++)
                raw[y * (stride + 1) + 1 + x] = subFilter ? (byte)(row[x] - (x >= bpp ? row[x - bpp] : 0)) : row[x];
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(raw);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        s.Write(header);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4).ToArray(), .. data]));
        s.Write(crc);
    }

    // CRC-32 (ISO 3309, polynomial 0xEDB88320), as PNG chunks use.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c,
            pa = Math.Abs(p - a),
            pb = Math.Abs(p - b),
            pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a
            : pb <= pc ? b
            : c;
    }

    private static int ChannelsOf(int colorType) =>
        colorType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new NotSupportedException($"colour type {colorType}"),
        };
}
