using System.Runtime.InteropServices;

namespace Dino.Repro.Torch;

/// <summary>
/// Gives memory the process no longer uses back to the system. libtorch frees a step's tensors into glibc's malloc
/// arenas, which keep most of them (only blocks above malloc's mmap threshold, at most 32 MiB, go back at once), so a
/// process that has measured a large model still holds gigabytes it will not use again — enough, at Listen and Move's
/// paper size, for the kernel to kill it while the PyTorch side of its benchmark runs beside it.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Finalises unreachable tensors, then returns the arenas' free pages (glibc's <c>malloc_trim</c>; Linux only).</summary>
    public static void Release()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux())
            malloc_trim(0);
    }

    [LibraryImport("libc")]
    private static partial int malloc_trim(nuint pad);
}
