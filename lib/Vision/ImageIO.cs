using Dino.Repro.IO;
using Dino.Repro.Torch;
using Dino.Repro.Torch.Native;

namespace Dino.Repro.Vision;

/// <summary>How a decoded image is laid out (the values match the shim's decode modes).</summary>
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
        return new Tensor(VisionNative.CheckFile(LibTorch.dn_image_decode_file(full, (int)mode), full));
    }

    /// <summary>Decodes encoded image bytes; <paramref name="name"/> labels errors (e.g. the archive member).</summary>
    public static unsafe Tensor Decode(ReadOnlySpan<byte> bytes, ImageReadMode mode = ImageReadMode.Unchanged, string name = "<buffer>")
    {
        fixed (byte* p = bytes)
            return new Tensor(VisionNative.CheckFile(LibTorch.dn_image_decode_buffer(p, bytes.Length, (int)mode, name), name));
    }

    /// <summary>
    /// Encodes an [H,W,C] (or [H,W]) uint8 image with C = 1, 3 (RGB) or 4 (RGBA); an int32 image holding
    /// 0..65535 becomes a 16-bit PNG. <paramref name="jpegQuality"/> (0..100) applies to JPEG only.
    /// </summary>
    public static byte[] Encode(Tensor image, ImageFormat format, int jpegQuality = DefaultJpegQuality)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bytes = new Tensor(LibTorch.dn_image_encode(image.Handle, Extension(format), jpegQuality), attachToScope: false);
        return bytes.ToArray<byte>();
    }

    /// <summary>Writes an image; the format follows the extension (.png, .jpg/.jpeg, .bmp).</summary>
    public static void Write(string path, Tensor image, int jpegQuality = DefaultJpegQuality)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encode(image, FormatOf(path), jpegQuality));
    }

    /// <summary>The format an extension stands for; throws for one the kit cannot write.</summary>
    public static ImageFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ImageFormat.Png,
        ".jpg" or ".jpeg" => ImageFormat.Jpeg,
        ".bmp" => ImageFormat.Bmp,
        var ext => throw new ArgumentException($"'{path}': unsupported image extension '{ext}' (use .png, .jpg, .jpeg or .bmp)", nameof(path)),
    };

    private static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Png => ".png",
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Bmp => ".bmp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown image format"),
    };
}
