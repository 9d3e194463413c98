namespace Dino.Repro.Torch;

/// <summary>dtype names as PyTorch prints them (error messages, reports) and the dtype of a .NET element type.
/// (Bytes per element: TorchSharp's own <c>ScalarType.ElementSize()</c>.)</summary>
public static class DTypes
{
    /// <summary>PyTorch's spelling, as <c>tensor.dtype</c> prints it: "torch.uint8", "torch.float32".</summary>
    public static string TorchName(this ScalarType dtype) =>
        dtype switch
        {
            ScalarType.Byte => "torch.uint8",
            ScalarType.Int8 => "torch.int8",
            ScalarType.Int16 => "torch.int16",
            ScalarType.Int32 => "torch.int32",
            ScalarType.Int64 => "torch.int64",
            ScalarType.Float16 => "torch.float16",
            ScalarType.BFloat16 => "torch.bfloat16",
            ScalarType.Float32 => "torch.float32",
            ScalarType.Float64 => "torch.float64",
            ScalarType.Bool => "torch.bool",
            ScalarType.ComplexFloat32 => "torch.complex64",
            ScalarType.ComplexFloat64 => "torch.complex128",
            _ => "torch." + dtype.ToString().ToLowerInvariant(),
        };

    /// <summary>Whether the dtype holds integers (bool is not one).</summary>
    public static bool IsIntegral(this ScalarType dtype) =>
        dtype is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64;

    /// <summary>The dtype whose elements are <typeparamref name="T"/>.</summary>
    public static ScalarType Of<T>()
        where T : unmanaged =>
        default(T) switch
        {
            byte => ScalarType.Byte,
            sbyte => ScalarType.Int8,
            short => ScalarType.Int16,
            int => ScalarType.Int32,
            long => ScalarType.Int64,
            Half => ScalarType.Float16,
            float => ScalarType.Float32,
            double => ScalarType.Float64,
            bool => ScalarType.Bool,
            _ => throw new NotSupportedException($"no tensor dtype holds {typeof(T).Name}"),
        };
}
