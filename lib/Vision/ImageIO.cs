using Dino.Repro.IO;
using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>How a decoded image is laid out (OpenCV's IMREAD_UNCHANGED, IMREAD_COLOR, IMREAD_GRAYSCALE).</summary>
public enum ImageReadMode
{
    /// <summary>As stored: 1 (gray), 3 (RGB) or 4 (RGBA; gray+alpha expands to RGBA) channels; 8-bit as uint8, 16-bit as int32 0..65535.</summary>
    Unchanged = 0,

    /// <summary>Always 3 channels of 8-bit RGB (gray is replicated, alpha dropped, 16-bit scaled down).</summary>
    Rgb = 1,

    /// <summary>Always 1 channel of 8-bit luma (OpenCV's 0.299 R + 0.587 G + 0.114 B).</summary>
    Gray = 2,
}

public enum ImageFormat
{
    Png,
    Jpeg,
    Bmp,
}

/// <summary>
/// Image files ↔ HWC tensors through OpenCV (PNG, JPEG, BMP), in RGB(A) channel order. Reads name the file in
/// every error; writes are atomic (a temporary file renamed into place).
/// </summary>
public static class ImageIO
{
    /// <summary>JPEG quality used when none is given (high enough that artefacts do not disturb metrics).</summary>
    public const int DefaultJpegQuality = 95;

    /// <summary>Reads an image as an [H,W,C] tensor (uint8; int32 for 16-bit files in <see cref="ImageReadMode.Unchanged"/>).</summary>
    public static Tensor Read(string path, ImageReadMode mode = ImageReadMode.Unchanged)
    {
        var full = VisionNative.ExistingFile(path, "image");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VisionNative.Invalid(full, $"image file {VisionNative.Quoted(full)} could not be opened (missing or unreadable)", e);
        }
        return Decode(bytes, mode, full);
    }

    /// <summary>Decodes encoded image bytes; <paramref name="name"/> labels errors (e.g. the archive member).</summary>
    public static Tensor Decode(ReadOnlySpan<byte> bytes, ImageReadMode mode = ImageReadMode.Unchanged, string name = "<buffer>")
    {
        var label = VisionNative.Quoted(name);
        VisionNative.Check(bytes.Length > 0, name, $"image {label} is empty (0 bytes)");
        VisionNative.Check(!JpegLooksTruncated(bytes), name, $"image {label} is a truncated JPEG (no end-of-image marker)");
        // Checked here because libpng would first print its own "libpng error" line to the process's stderr.
        VisionNative.Check(!PngLooksTruncated(bytes), name, $"image {label} is a truncated PNG (its chunks end before IEND)");
        var flags = mode switch
        {
            ImageReadMode.Rgb => ImreadModes.Color,
            ImageReadMode.Gray => ImreadModes.Grayscale,
            _ => ImreadModes.Unchanged,
        };
        flags |= ImreadModes.IgnoreOrientation; // one behaviour for every mode (Unchanged ignores EXIF anyway)
        Mat m;
        try
        {
            m = Cv2.ImDecode(bytes, flags);
        }
        catch (OpenCVException e)
        {
            throw VisionNative.Invalid(name, $"image {label} could not be decoded: {VisionNative.Describe(e)}", e);
        }
        using (m)
        {
            VisionNative.Check(!m.Empty(), name, $"image {label} could not be decoded (corrupt, truncated or not a PNG/JPEG/BMP file)");
            OpenCvTensors.ToRgbInPlace(m);
            try
            {
                return OpenCvTensors.ToTensor(m);
            }
            catch (NotSupportedException e)
            {
                throw VisionNative.Invalid(name, e.Message, e);
            }
        }
    }

    /// <summary>
    /// Encodes an [H,W,C] (or [H,W]) uint8 image with C = 1, 3 (RGB) or 4 (RGBA); an int32 image holding
    /// 0..65535 becomes a 16-bit PNG. <paramref name="jpegQuality"/> (0..100) applies to JPEG only.
    /// </summary>
    public static byte[] Encode(Tensor image, ImageFormat format, int jpegQuality = DefaultJpegQuality)
    {
        ArgumentNullException.ThrowIfNull(image);
        var ext = Extension(format);
        var png = format == ImageFormat.Png;
        using var scope = torch.NewDisposeScope();
        var t = image.detach().cpu().contiguous();
        if (t.numel() == 0)
            throw new ArgumentException($"cannot encode an empty image [{string.Join(",", t.shape)}]", nameof(image));
        if (t.dtype == ScalarType.Int32)
        {
            if (!png)
                throw new ArgumentException($"16-bit (int32) images can only be encoded as PNG, not {ext}", nameof(image));
            int lo = t.min().ToInt32(),
                hi = t.max().ToInt32();
            if (lo < 0 || hi > 65535)
                throw new ArgumentException($"16-bit PNG values must lie in 0..65535, got {lo}..{hi}", nameof(image));
        }
        else if (t.dtype != ScalarType.Byte)
        {
            throw new ArgumentException($"images are encoded from uint8 (or int32 for 16-bit PNG) tensors, got {t.dtype.TorchName()}", nameof(image));
        }
        int[] parameters = [];
        if (format == ImageFormat.Jpeg)
        {
            if (jpegQuality is < 0 or > 100)
                throw new ArgumentOutOfRangeException(nameof(jpegQuality), jpegQuality, "JPEG quality must lie in 0..100");
            if (t.dim() == 3 && t.size(2) == 4)
                throw new ArgumentException("JPEG has no alpha channel; drop it before encoding", nameof(image));
            parameters = [(int)ImwriteFlags.JpegQuality, jpegQuality];
        }
        using var header = OpenCvTensors.Header(t, "encode");
        using var m = new Mat();
        // A copy either way: the colour swap must not write into the caller's tensor.
        if (t.dtype == ScalarType.Int32)
            header.ConvertTo(m, MatType.CV_16UC(header.Channels()));
        else
            header.CopyTo(m);
        OpenCvTensors.ToBgrInPlace(m);
        byte[] bytes;
        try
        {
            if (!Cv2.ImEncode(ext, m, out bytes, parameters))
                throw new InvalidOperationException($"OpenCV could not encode the image as {ext}");
        }
        catch (OpenCVException e)
        {
            throw new InvalidOperationException($"OpenCV could not encode the image as {ext}: {VisionNative.Describe(e)}", e);
        }
        return bytes;
    }

    // libjpeg treats a missing end marker as a warning and returns a grey-filled image; a truncated JPEG is refused
    // instead. Entropy-coded data escapes 0xFF bytes, so FF D9 near the end can only be the end-of-image marker.
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // A PNG is its signature and then chunks (length, type, data, CRC) up to IEND: walking their lengths finds a file
    // cut short without decoding it.
    private static bool PngLooksTruncated(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(PngSignature))
            return false;
        long at = PngSignature.Length;
        while (at + 8 <= data.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.Slice((int)at, 4));
            var next = at + 12 + length;
            if (data.Slice((int)at + 4, 4).SequenceEqual("IEND"u8))
                return next > data.Length;
            at = next;
        }
        return true;
    }

    private static bool JpegLooksTruncated(ReadOnlySpan<byte> data)
    {
        var n = data.Length;
        if (n < 4 || data[0] != 0xFF || data[1] != 0xD8)
            return false;
        var from = n > 64 ? n - 64 : 0;
        for (var i = n - 1; i > from; --i)
        {
            if (data[i - 1] == 0xFF && data[i] == 0xD9)
                return false;
        }
        return true;
    }

    /// <summary>Writes an image; the format follows the extension (.png, .jpg/.jpeg, .bmp).</summary>
    public static void Write(string path, Tensor image, int jpegQuality = DefaultJpegQuality)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encode(image, FormatOf(path), jpegQuality));
    }

    /// <summary>The format an extension stands for; throws for one the kit cannot write.</summary>
    public static ImageFormat FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFormat.Png,
            ".jpg" or ".jpeg" => ImageFormat.Jpeg,
            ".bmp" => ImageFormat.Bmp,
            var ext => throw new ArgumentException($"'{path}': unsupported image extension '{ext}' (use .png, .jpg, .jpeg or .bmp)", nameof(path)),
        };

    private static string Extension(ImageFormat format) =>
        format switch
        {
            ImageFormat.Png => ".png",
            ImageFormat.Jpeg => ".jpg",
            ImageFormat.Bmp => ".bmp",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown image format"),
        };
}
