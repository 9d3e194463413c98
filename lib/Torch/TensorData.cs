using System.Runtime.InteropServices;

namespace Dino.Repro.Torch;

/// <summary>
/// Bulk copies between tensors and managed arrays. TorchSharp's <c>data&lt;T&gt;().ToArray()</c> walks the elements one
/// stride-computed index at a time (and only on the CPU); images, audio and feature matrices need one memcpy.
/// </summary>
public static class TensorData
{
    /// <summary>The values in C order, from any device and any layout; <typeparamref name="T"/> must match the dtype.</summary>
    public static T[] ToArray<T>(this Tensor tensor)
        where T : unmanaged
    {
        var expected = DTypes.Of<T>();
        if (tensor.dtype != expected)
            throw new InvalidOperationException(
                $"ToArray<{typeof(T).Name}> needs a {expected.TorchName()} tensor but this one is {tensor.dtype.TorchName()}; convert it with "
                    + ".to(...) first"
            );
        using var scope = torch.NewDisposeScope();
        var dense = tensor.device_type == DeviceType.CPU ? tensor.contiguous() : tensor.cpu().contiguous();
        return MemoryMarshal.Cast<byte, T>(dense.bytes).ToArray();
    }

    /// <summary>
    /// A new CPU tensor of <paramref name="dtype"/> and <paramref name="shape"/> holding a copy of <paramref name="bytes"/> (C order, little-endian).
    /// </summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> bytes, long[] shape, ScalarType dtype)
    {
        var tensor = torch.empty(shape, dtype);
        if (bytes.Length != tensor.numel() * tensor.ElementSize)
        {
            var needed = tensor.numel() * tensor.ElementSize;
            tensor.Dispose();
            throw new ArgumentException(
                $"{bytes.Length} bytes cannot fill a {dtype.TorchName()} tensor of shape [{string.Join(", ", shape)}] ({needed} bytes)"
            );
        }
        if (bytes.Length > 0)
            bytes.CopyTo(tensor.bytes);
        return tensor;
    }
}
