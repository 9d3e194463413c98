using Dino.Repro.Torch;
using Dino.Repro.Torch.Native;

namespace Dino.Repro.Vision;

/// <summary>Turns failures of the shim's vision exports into exceptions that name the file involved.</summary>
internal static class VisionNative
{
    /// <summary>The full path of an input file, or a <see cref="FileNotFoundException"/> naming it.</summary>
    public static string ExistingFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{what} file not found: {full}", full);
        return full;
    }

    /// <summary>Wraps a handle-returning call on a file: null becomes an <see cref="InvalidDataException"/>.</summary>
    public static IntPtr CheckFile(IntPtr handle, string path)
    {
        if (handle != IntPtr.Zero) return handle;
        var message = NativeError.Take();
        throw new InvalidDataException(FirstLine(message, path), new TorchException(message));
    }

    // OpenCV/libtorch messages may carry a backtrace after the first line; the shim's first line names the file.
    private static string FirstLine(string message, string path)
    {
        var first = message.Split('\n', 2)[0].Trim();
        if (first.Length == 0) first = "native call failed without a message";
        return first.Contains(path, StringComparison.Ordinal) ? first : $"{path}: {first}";
    }
}
