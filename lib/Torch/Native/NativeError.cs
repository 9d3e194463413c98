using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

/// <summary>Turns the shim's failure values into <see cref="TorchException"/>s with libtorch's message.</summary>
internal static class NativeError
{
    /// <summary>Reads and clears this thread's native error message ("" when there is none).</summary>
    internal static string Take()
    {
        var message = Marshal.PtrToStringUTF8(LibTorch.dn_last_error()) ?? "";
        LibTorch.dn_clear_error();
        return message;
    }

    internal static TorchException Exception()
    {
        var message = Take();
        return new TorchException(message.Length == 0 ? "libtorch call failed without a message" : message);
    }

    /// <summary>A handle-returning call: null means failure.</summary>
    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw Exception();

    /// <summary>A status-returning call: 0 is success, anything else failure.</summary>
    internal static void Check(int status)
    {
        if (status != 0) throw Exception();
    }

    /// <summary>A value-returning call whose failure value is <paramref name="failure"/>.</summary>
    internal static T CheckValue<T>(T value, T failure) where T : IEquatable<T>
    {
        if (!value.Equals(failure)) return value;
        var message = Take();
        if (message.Length > 0) throw new TorchException(message);
        return value;  // the failure value was a legitimate result
    }

    /// <summary>A call that may return null for "no tensor" (e.g. an undefined grad) as well as for failure.</summary>
    internal static IntPtr CheckOptional(IntPtr handle)
    {
        if (handle != IntPtr.Zero) return handle;
        var message = Take();
        if (message.Length > 0) throw new TorchException(message);
        return IntPtr.Zero;
    }
}
