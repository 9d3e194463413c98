using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Dino.Repro.Data.Oxford102;

/// <summary>A numeric MATLAB array: its dimensions and its values as doubles in MATLAB's column-major order.</summary>
public sealed record MatArray(string Name, int[] Dimensions, double[] Values);

/// <summary>
/// A minimal reader of MATLAB level-5 MAT-files (what <c>save</c> writes by default up to v7, e.g. the VGG group's
/// imagelabels.mat and setid.mat): the 128-byte header, then data elements, each either a full 8-byte tag (type, size,
/// data padded to 8 bytes) or a small one (size and type packed in 4 bytes, up to 4 bytes of data); compressed
/// elements (miCOMPRESSED) hold one zlib-deflated element. Only real, non-sparse numeric matrices are returned —
/// cells, structs, chars, sparse and complex arrays are skipped. Little-endian files only.
/// </summary>
public static class MatFile
{
    private const int HeaderLength = 128;
    private const int MiInt8 = 1,
        MiUInt8 = 2,
        MiInt16 = 3,
        MiUInt16 = 4,
        MiInt32 = 5,
        MiUInt32 = 6,
        MiSingle = 7,
        MiDouble = 9,
        MiInt64 = 12,
        MiUInt64 = 13,
        MiMatrix = 14,
        MiCompressed = 15;
    private const int FirstNumericClass = 6,
        LastNumericClass = 15; // mxDOUBLE_CLASS … mxUINT64_CLASS
    private const uint ComplexFlag = 0x800;

    /// <summary>Every numeric array in the file by variable name.</summary>
    public static IReadOnlyDictionary<string, MatArray> ReadNumeric(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"MAT-file not found: {full}", full);
        var bytes = File.ReadAllBytes(full);
        try
        {
            return Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{full}: {e.Message}", e);
        }
    }

    /// <summary>One numeric variable, or an error naming the file and the variables it does have.</summary>
    public static MatArray ReadVariable(string path, string name)
    {
        var arrays = ReadNumeric(path);
        return arrays.TryGetValue(name, out var array)
            ? array
            : throw new InvalidDataException($"{Path.GetFullPath(path)}: no numeric variable '{name}' (has: {string.Join(", ", arrays.Keys)})");
    }

    public static IReadOnlyDictionary<string, MatArray> Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderLength)
            throw new InvalidDataException($"{file.Length} bytes is shorter than the 128-byte MAT-file header (truncated?)");
        if (!Encoding.ASCII.GetString(file[..6]).Equals("MATLAB", StringComparison.Ordinal))
            throw new InvalidDataException(
                "not a MATLAB level-5 MAT-file (the header does not start with 'MATLAB'; v4 and v7.3/HDF5 files are not read)"
            );
        var endian = Encoding.ASCII.GetString(file.Slice(126, 2));
        if (endian == "MI")
            throw new InvalidDataException("big-endian MAT-files are not supported");
        if (endian != "IM")
            throw new InvalidDataException($"bad endian indicator '{endian}' in the MAT-file header");
        var arrays = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        var offset = HeaderLength;
        while (offset < file.Length)
        {
            var element = ReadElement(file, offset);
            if (element.Type == MiCompressed)
            {
                var inner = Inflate(element.Of(file), offset);
                var matrix = ReadElement(inner, 0);
                if (matrix.Type == MiMatrix && ReadMatrix(matrix.Of(inner)) is { } array)
                    arrays[array.Name] = array;
            }
            else if (element.Type == MiMatrix && ReadMatrix(element.Of(file)) is { } array)
            {
                arrays[array.Name] = array;
            }
            offset = element.Next;
        }
        return arrays;
    }

    // One data element: its type, where its data lies, and where the next element starts.
    private readonly record struct Element(int Type, int Start, int Length, int Next)
    {
        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> bytes) => bytes.Slice(Start, Length);
    }

    private static Element ReadElement(ReadOnlySpan<byte> bytes, int offset)
    {
        if (offset + 8 > bytes.Length)
            throw new InvalidDataException($"truncated data element tag at byte {offset}");
        var first = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
        if (first >> 16 != 0)
        {
            // Small element: size in the upper half of the first word, data in the second word.
            var (smallType, smallSize) = ((int)(first & 0xFFFF), (int)(first >> 16));
            if (smallSize > 4)
                throw new InvalidDataException($"small data element at byte {offset} claims {smallSize} bytes (at most 4)");
            return new Element(smallType, offset + 4, smallSize, offset + 8);
        }
        var type = (int)first;
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
        if (offset + 8 + (long)size > bytes.Length)
            throw new InvalidDataException(
                $"data element at byte {offset} needs {size} bytes but only {bytes.Length - offset - 8} remain (truncated?)"
            );
        // Compressed elements are not padded; every other element is padded to a multiple of 8 bytes.
        var padded = type == MiCompressed ? (long)size : (size + 7) / 8 * 8;
        return new Element(type, offset + 8, (int)size, (int)Math.Min(bytes.Length, offset + 8 + padded));
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int offset)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"compressed element at byte {offset} does not inflate: {e.Message}", e);
        }
    }

    // miMATRIX sub-elements: array flags, dimensions, name, real part (imaginary part when complex).
    private static MatArray? ReadMatrix(ReadOnlySpan<byte> matrix)
    {
        var flags = ReadElement(matrix, 0);
        if (flags.Type != MiUInt32 || flags.Length < 8)
            throw new InvalidDataException("matrix without an array-flags sub-element");
        var word = BinaryPrimitives.ReadUInt32LittleEndian(flags.Of(matrix));
        var mxClass = (int)(word & 0xFF);
        var dimensions = ReadElement(matrix, flags.Next);
        if (dimensions.Type != MiInt32 || dimensions.Length % 4 != 0 || dimensions.Length == 0)
            throw new InvalidDataException("matrix without a dimensions sub-element");
        var dims = new int[dimensions.Length / 4];
        for (var i = 0; i < dims.Length; i++)
            dims[i] = BinaryPrimitives.ReadInt32LittleEndian(dimensions.Of(matrix)[(4 * i)..]);
        var nameElement = ReadElement(matrix, dimensions.Next);
        var name = Encoding.ASCII.GetString(nameElement.Of(matrix));
        if (mxClass < FirstNumericClass || mxClass > LastNumericClass || (word & ComplexFlag) != 0)
            return null;
        if (dims.Any(d => d < 0))
            throw new InvalidDataException($"variable '{name}' has negative dimensions");
        var count = dims.Aggregate(1L, (a, d) => a * d);
        var real = ReadElement(matrix, nameElement.Next);
        var values = ToDoubles(real.Type, real.Of(matrix), name);
        if (values.Length != count)
            throw new InvalidDataException($"variable '{name}' is {string.Join('x', dims)} ({count} values) but stores {values.Length}");
        return new MatArray(name, dims, values);
    }

    // MATLAB stores a double array in the smallest integer type that holds its values, so convert by storage type.
    private static double[] ToDoubles(int type, ReadOnlySpan<byte> data, string name)
    {
        var width = type switch
        {
            MiInt8 or MiUInt8 => 1,
            MiInt16 or MiUInt16 => 2,
            MiInt32 or MiUInt32 or MiSingle => 4,
            MiDouble or MiInt64 or MiUInt64 => 8,
            _ => throw new InvalidDataException($"variable '{name}' has unsupported storage type {type}"),
        };
        if (data.Length % width != 0)
            throw new InvalidDataException($"variable '{name}': {data.Length} bytes is not a whole number of {width}-byte values");
        var values = new double[data.Length / width];
        for (var i = 0; i < values.Length; i++)
        {
            var v = data.Slice(i * width, width);
            values[i] = type switch
            {
                MiInt8 => (sbyte)v[0],
                MiUInt8 => v[0],
                MiInt16 => BinaryPrimitives.ReadInt16LittleEndian(v),
                MiUInt16 => BinaryPrimitives.ReadUInt16LittleEndian(v),
                MiInt32 => BinaryPrimitives.ReadInt32LittleEndian(v),
                MiUInt32 => BinaryPrimitives.ReadUInt32LittleEndian(v),
                MiSingle => BinaryPrimitives.ReadSingleLittleEndian(v),
                MiDouble => BinaryPrimitives.ReadDoubleLittleEndian(v),
                MiInt64 => BinaryPrimitives.ReadInt64LittleEndian(v),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(v),
            };
        }
        return values;
    }
}
