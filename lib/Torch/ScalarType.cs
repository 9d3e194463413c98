namespace Dino.Repro.Torch;

/// <summary>Element types; the values are libtorch's own <c>c10::ScalarType</c> codes.</summary>
public enum ScalarType
{
    Byte = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    ComplexFloat32 = 9,
    ComplexFloat64 = 10,
    Bool = 11,
    BFloat16 = 15,
}

public static class ScalarTypeExtensions
{
    public static int ElementSize(this ScalarType dtype) => dtype switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this ScalarType dtype) =>
        dtype is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    public static bool IsIntegral(this ScalarType dtype, bool includeBool = false) =>
        dtype is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 ||
        (includeBool && dtype == ScalarType.Bool);

    /// <summary>PyTorch's spelling, as printed by <c>tensor.dtype</c>.</summary>
    public static string TorchName(this ScalarType dtype) => dtype switch
    {
        ScalarType.Byte => "torch.uint8",
        ScalarType.Int8 => "torch.int8",
        ScalarType.Int16 => "torch.int16",
        ScalarType.Int32 => "torch.int32",
        ScalarType.Int64 => "torch.int64",
        ScalarType.Float16 => "torch.float16",
        ScalarType.Float32 => "torch.float32",
        ScalarType.Float64 => "torch.float64",
        ScalarType.BFloat16 => "torch.bfloat16",
        ScalarType.Bool => "torch.bool",
        ScalarType.ComplexFloat32 => "torch.complex64",
        ScalarType.ComplexFloat64 => "torch.complex128",
        _ => dtype.ToString(),
    };

    /// <summary>The dtype that stores a managed element type.</summary>
    public static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32 :
        typeof(T) == typeof(double) ? ScalarType.Float64 :
        typeof(T) == typeof(long) ? ScalarType.Int64 :
        typeof(T) == typeof(int) ? ScalarType.Int32 :
        typeof(T) == typeof(short) ? ScalarType.Int16 :
        typeof(T) == typeof(byte) ? ScalarType.Byte :
        typeof(T) == typeof(sbyte) ? ScalarType.Int8 :
        typeof(T) == typeof(bool) ? ScalarType.Bool :
        typeof(T) == typeof(Half) ? ScalarType.Float16 :
        throw new NotSupportedException($"no tensor dtype stores {typeof(T).Name}");
}
