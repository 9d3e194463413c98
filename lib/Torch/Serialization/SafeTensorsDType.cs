namespace Dino.Repro.Torch.Serialization;

/// <summary>The dtype codes of the safetensors format and the libtorch dtypes they store.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string code, ScalarType dtype)[] Table =
    {
        ("F64", ScalarType.Float64),
        ("F32", ScalarType.Float32),
        ("F16", ScalarType.Float16),
        ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64),
        ("I32", ScalarType.Int32),
        ("I16", ScalarType.Int16),
        ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte),
        ("BOOL", ScalarType.Bool),
    };

    internal static bool TryParse(string code, out ScalarType dtype)
    {
        foreach (var (c, d) in Table)
        {
            if (c == code)
            {
                dtype = d;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    internal static string Code(ScalarType dtype)
    {
        foreach (var (c, d) in Table)
        {
            if (d == dtype)
                return c;
        }
        throw new NotSupportedException($"{dtype.TorchName()} has no safetensors dtype code");
    }

    internal static string KnownCodes => string.Join(", ", Table.Select(t => t.code));
}
