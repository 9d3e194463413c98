using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>
/// Moves pixels between OpenCV <see cref="Mat"/>s and HWC tensors. Tensors hold RGB(A), uint8 for 8-bit images and
/// int32 for 16-bit ones (the kit's convention), or float32; OpenCV holds BGR(A).
/// </summary>
internal static class OpenCvTensors
{
    // OpenCV depth codes (CV_8U, ...), as Mat.Depth() returns them.
    private const int Depth8U = 0,
        Depth16U = 2,
        Depth16S = 3,
        Depth32S = 4,
        Depth32F = 5;

    /// <summary>OpenCV stores BGR(A); the kit's tensors are RGB(A). Gray and two-channel images stay as they are.</summary>
    public static void ToRgbInPlace(Mat m)
    {
        if (m.Channels() == 3)
            Cv2.CvtColor(m, m, ColorConversionCodes.BGR2RGB);
        else if (m.Channels() == 4)
            Cv2.CvtColor(m, m, ColorConversionCodes.BGRA2RGBA);
    }

    public static void ToBgrInPlace(Mat m)
    {
        if (m.Channels() == 3)
            Cv2.CvtColor(m, m, ColorConversionCodes.RGB2BGR);
        else if (m.Channels() == 4)
            Cv2.CvtColor(m, m, ColorConversionCodes.RGBA2BGRA);
    }

    /// <summary>
    /// Copies a Mat into a new [H,W,C] tensor (or [H,W] when <paramref name="dropChannels"/> and C = 1): 8-bit as
    /// uint8, 16-bit as int32, float32 as float32. Other depths throw <see cref="NotSupportedException"/>.
    /// </summary>
    public static Tensor ToTensor(Mat source, bool dropChannels = false)
    {
        ScalarType dtype;
        Mat? converted = null;
        try
        {
            var m = source;
            switch (m.Depth())
            {
                case Depth8U:
                    dtype = ScalarType.Byte;
                    break;
                case Depth16U:
                case Depth16S:
                    // No uint16 in the kit's tensors: 16-bit samples widen to int32.
                    converted = new Mat();
                    m.ConvertTo(converted, MatType.CV_32SC(m.Channels()));
                    m = converted;
                    dtype = ScalarType.Int32;
                    break;
                case Depth32F:
                    dtype = ScalarType.Float32;
                    break;
                default:
                    throw new NotSupportedException($"image pixel depth {m.Depth()} (OpenCV code) is not supported; expected 8 or 16 bits");
            }
            if (!m.IsContinuous())
            {
                converted?.Dispose();
                converted = m.Clone();
                m = converted;
            }
            long[] shape = dropChannels && m.Channels() == 1 ? [m.Rows, m.Cols] : [m.Rows, m.Cols, m.Channels()];
            var n = checked((int)(m.Total() * m.ElemSize()));
            unsafe
            {
                return TensorData.FromBytes(new ReadOnlySpan<byte>((void*)m.Data, n), shape, dtype);
            }
        }
        finally
        {
            converted?.Dispose();
        }
    }

    /// <summary>
    /// A Mat header over a contiguous CPU [H,W,C] (or [H,W]) tensor of uint8, int32 or float32 with 1 to 4 channels;
    /// the tensor must outlive the Mat (dispose the Mat first). <paramref name="what"/> prefixes error messages.
    /// </summary>
    public static Mat Header(Tensor t, string what)
    {
        if (t.dim() is not (2 or 3))
            throw new ArgumentException($"{what}: expected an HWC (or HW) image tensor, got {t.dim()} dimensions");
        if (t.device_type != DeviceType.CPU)
            throw new ArgumentException($"{what}: the image tensor must be on the CPU");
        if (!t.is_contiguous())
            throw new ArgumentException($"{what}: the image tensor must be contiguous");
        var channels = t.dim() == 3 ? (int)t.size(2) : 1;
        if (channels is < 1 or > 4)
            throw new ArgumentException($"{what}: images have 1 to 4 channels, got {channels}");
        var depth = t.dtype switch
        {
            ScalarType.Byte => Depth8U,
            ScalarType.Int32 => Depth32S,
            ScalarType.Float32 => Depth32F,
            var other => throw new ArgumentException($"{what}: image tensors are uint8, int32 (16-bit) or float32, got {other.TorchName()}"),
        };
        var type = MatType.MakeType(depth, channels);
        return Mat.FromPixelData((int)t.size(0), (int)t.size(1), type, DataPointer(t));
    }

    /// <summary>OpenCV's interpolation for a <see cref="ResizeMode"/>.</summary>
    public static InterpolationFlags Interpolation(ResizeMode mode) =>
        mode switch
        {
            ResizeMode.Nearest => InterpolationFlags.Nearest,
            ResizeMode.Bilinear => InterpolationFlags.Linear,
            ResizeMode.Bicubic => InterpolationFlags.Cubic,
            ResizeMode.Area => InterpolationFlags.Area,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown resize mode (0 nearest, 1 bilinear, 2 bicubic, 3 area)"),
        };

    /// <summary>The address of a contiguous CPU tensor's first element.</summary>
    public static unsafe IntPtr DataPointer(Tensor t)
    {
        // The storage is native memory: the pointer stays valid while the tensor lives.
        fixed (byte* p = t.bytes)
            return (IntPtr)p;
    }
}
