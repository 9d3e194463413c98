using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dino.Repro.Vision;

/// <summary>
/// Finds OpenCvSharp's native library beside OpenCvSharp.dll. The `dino` command finds it through its .deps.json; a
/// host that loads the kit with <c>#r</c> (the notebook kernel) has no .deps.json for it and would not look there.
/// </summary>
internal static class OpenCvLoader
{
    private const string Library = "OpenCvSharpExtern";

#pragma warning disable CA2255 // registered before any OpenCvSharp call, in every host that loads the kit
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(OpenCvSharp.Cv2).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host registered a resolver for OpenCvSharp already: it knows where the library is.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        var beside = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? "", $"lib{Library}.so");
        return File.Exists(beside) && NativeLibrary.TryLoad(beside, out var handle) ? handle : IntPtr.Zero; // zero: the usual search
    }
}
