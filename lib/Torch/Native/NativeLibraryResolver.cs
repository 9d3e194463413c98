using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

/// <summary>
/// Finds the kit's native shim without environment variables: next to the assembly (the build copies it
/// there), then in the source tree's CMake build folder, then at <c>DINO_NATIVE_LIB</c> if that is set.
/// </summary>
internal static class NativeLibraryResolver
{
    internal const string LibraryName = "dino_native";
    private const string FileName = "libdino_native.so";

    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        OpenBlasCoreType.Apply();
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        }
        throw new DllNotFoundException(
            $"The kit's native library {FileName} was not found. Run environment/setup.sh (it builds lib/Native with CMake), " +
            $"or point DINO_NATIVE_LIB at the file. Looked in: {string.Join(", ", Candidates())}");
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DINO_NATIVE_LIB");
        if (!string.IsNullOrEmpty(fromEnv)) yield return fromEnv;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        // Walk up from the assembly to the repository root (tests and tools run from bin/ folders inside it).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var inTree = Path.Combine(dir.FullName, "lib", "Native", "build", FileName);
            if (File.Exists(inTree)) { yield return inTree; yield break; }
        }
    }
}
