using System.Runtime.CompilerServices;

namespace Dino.Repro.Tests.Support;

internal static class NativeSetup
{
    // Tests call TorchSharp directly, possibly before any kit type: the kit's native settings must come first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => NativeEnvironment.Apply();
}
