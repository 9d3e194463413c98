using System.Text;
using System.Text.RegularExpressions;

namespace Dino.Repro.Torch.Serialization;

/// <summary>
/// Reads NumPy .npy arrays (format 1.0–3.0: magic, version, header length, a Python-literal dict with
/// 'descr', 'fortran_order', 'shape', then raw data) into tensors: little-endian f4/f8/i4/i8/u1/b1, C order.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    public static Tensor Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no .npy file at {path}", path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static Tensor Parse(byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException("not a .npy file (bad magic)");
        var major = bytes[6];
        int headerLength,
            offset;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(bytes, 8);
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
                throw new InvalidDataException("truncated header");
            headerLength = checked((int)BitConverter.ToUInt32(bytes, 8));
            offset = 12;
        }
        else
            throw new InvalidDataException($"unsupported .npy version {major}");
        if (offset + headerLength > bytes.Length)
            throw new InvalidDataException("header runs past the end of the file");
        var header = Encoding.Latin1.GetString(bytes, offset, headerLength);

        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
            throw new InvalidDataException($"malformed header: {header.Trim()}");
        if (fortran.Groups[1].Value == "True")
            throw new InvalidDataException("Fortran-ordered arrays are not supported; save with order='C'");
        var shape = shapeMatch
            .Groups[1]
            .Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse)
            .ToArray();
        var (dtype, size) = descr.Groups[1].Value switch
        {
            "<f8" => (ScalarType.Float64, 8),
            "<f4" => (ScalarType.Float32, 4),
            "<i8" => (ScalarType.Int64, 8),
            "<i4" => (ScalarType.Int32, 4),
            "|u1" => (ScalarType.Byte, 1),
            "|b1" => (ScalarType.Bool, 1),
            var other => throw new InvalidDataException($"unsupported dtype '{other}' (little-endian f4, f8, i4, i8, u1, b1 are)"),
        };
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var dataStart = offset + headerLength;
        if (bytes.LongLength - dataStart != count * size)
            throw new InvalidDataException(
                $"data holds {bytes.LongLength - dataStart} bytes but shape ({string.Join(", ", shape)}) needs {count * size}"
            );
        var data = bytes.AsSpan(dataStart);
        return TensorData.FromBytes(data, shape, dtype);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
