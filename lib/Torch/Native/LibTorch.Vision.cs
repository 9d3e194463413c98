using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/vision.cpp (OpenCV image/video IO, resize, Haar cascades).
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_image_decode_file(string path, int mode);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_image_decode_buffer(byte* data, long n, int mode, string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_image_encode(IntPtr image, string ext, int quality);
    [LibraryImport(Lib)] internal static partial IntPtr dn_image_resize(IntPtr image, long height, long width, int mode);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_cascade_load(string path);
    [LibraryImport(Lib)] internal static partial void dn_cascade_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial IntPtr dn_cascade_detect(IntPtr h, IntPtr image, double scale_factor, int min_neighbors, int min_size, int max_size, int equalize);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_video_open(string path);
    [LibraryImport(Lib)] internal static partial void dn_video_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial int dn_video_info(IntPtr h, double* info);
    [LibraryImport(Lib)] internal static partial IntPtr dn_video_read(IntPtr h, double fps, long height, long width, long max_frames, int mode);
}
