using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dino.Repro.Tests.Data.Oxford102;

/// <summary>
/// Writes MATLAB level-5 MAT-files for tests, from the format document (MathWorks "MAT-File Format", ch. 1): a 128-byte
/// header, then one miMATRIX element per variable, optionally zlib-compressed (miCOMPRESSED), with data in whatever
/// storage type MATLAB itself picks (e.g. a double array of small integers stored as miUINT8). Short names and data of
/// up to 4 bytes use the small element format, as MATLAB does.
/// </summary>
internal sealed class MatV5Writer
{
    public const int MiInt8 = 1,
        MiUInt8 = 2,
        MiInt16 = 3,
        MiUInt16 = 4,
        MiInt32 = 5,
        MiUInt32 = 6,
        MiSingle = 7,
        MiDouble = 9,
        MiMatrix = 14,
        MiCompressed = 15;
    public const int MxChar = 4,
        MxDouble = 6,
        MxSingle = 7,
        MxInt16 = 10;

    private readonly MemoryStream body = new();
    private readonly bool compress;

    public MatV5Writer(bool compress) => this.compress = compress;

    /// <summary>
    /// A numeric variable of MATLAB class <paramref name="mxClass"/> whose column-major values are stored as <paramref name="storage"/>.
    /// </summary>
    public MatV5Writer Numeric(string name, int[] dims, double[] values, int mxClass = MxDouble, int storage = MiDouble)
    {
        var data = new MemoryStream();
        foreach (var v in values)
        {
            var bytes = storage switch
            {
                MiUInt8 => [(byte)v],
                MiInt16 => LittleEndian(2, b => BinaryPrimitives.WriteInt16LittleEndian(b, (short)v)),
                MiUInt16 => LittleEndian(2, b => BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v)),
                MiSingle => LittleEndian(4, b => BinaryPrimitives.WriteSingleLittleEndian(b, (float)v)),
                MiDouble => LittleEndian(8, b => BinaryPrimitives.WriteDoubleLittleEndian(b, v)),
                _ => throw new ArgumentOutOfRangeException(nameof(storage)),
            };
            data.Write(bytes);
        }
        return Matrix(name, dims, mxClass, storage, data.ToArray());
    }

    /// <summary>A char variable (UTF-16 code units stored as miUINT16), which readers of numeric data skip.</summary>
    public MatV5Writer Chars(string name, string text) =>
        Matrix(name, [1, text.Length], MxChar, MiUInt16, text.SelectMany(c => BitConverter.GetBytes((ushort)c)).ToArray());

    public byte[] ToArray()
    {
        var header = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Feb 19 15:43:33 2009".PadRight(116));
        var file = new MemoryStream();
        file.Write(header);
        file.Write(new byte[8]); // subsystem data offset: none
        file.Write([0x00, 0x01]); // version 0x0100, little-endian
        file.Write("IM"u8); // endian indicator as a little-endian writer stores it
        file.Write(body.ToArray());
        return file.ToArray();
    }

    private MatV5Writer Matrix(string name, int[] dims, int mxClass, int storage, byte[] data)
    {
        var matrix = new MemoryStream();
        Element(matrix, MiUInt32, LittleEndian(8, b => BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)mxClass)));
        Element(matrix, MiInt32, dims.SelectMany(BitConverter.GetBytes).ToArray());
        Element(matrix, MiInt8, Encoding.ASCII.GetBytes(name));
        Element(matrix, storage, data);
        var element = new MemoryStream();
        Element(element, MiMatrix, matrix.ToArray());
        if (!compress)
        {
            body.Write(element.ToArray());
            return this;
        }
        var zipped = new MemoryStream();
        using (var zlib = new ZLibStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(element.ToArray());
        Tag(body, MiCompressed, zipped.Length);
        body.Write(zipped.ToArray()); // compressed elements are not padded
        return this;
    }

    private static void Element(Stream to, int type, byte[] data)
    {
        if (data.Length <= 4 && type != MiMatrix)
        {
            to.Write(BitConverter.GetBytes((uint)type | ((uint)data.Length << 16)));
            to.Write(data);
            to.Write(new byte[4 - data.Length]);
            return;
        }
        Tag(to, type, data.Length);
        to.Write(data);
        to.Write(new byte[(8 - data.Length % 8) % 8]);
    }

    private static void Tag(Stream to, int type, long size)
    {
        to.Write(BitConverter.GetBytes((uint)type));
        to.Write(BitConverter.GetBytes((uint)size));
    }

    private static byte[] LittleEndian(int width, Action<Span<byte>> write)
    {
        var bytes = new byte[width];
        write(bytes);
        return bytes;
    }
}
