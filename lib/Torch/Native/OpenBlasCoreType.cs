using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

/// <summary>
/// OpenBLAS picks its kernels from the CPU model at load time. Virtual machines often report a generic model
/// ("Intel Xeon Processor"), which OpenBLAS reads as Prescott and serves with SSE3 kernels: a 2048² sgemm then
/// runs at ~40 GFLOP/s instead of ~250 on the same AVX-512 cores. Before the native library (and with it
/// OpenBLAS) loads, this sets OPENBLAS_CORETYPE from the CPU's own feature flags unless the user set it.
/// </summary>
internal static partial class OpenBlasCoreType
{
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>The core type chosen for this CPU, or null where the flags say nothing useful.</summary>
    public static string? Detect()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return null;
        var flagsLine = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (flagsLine is null) return null;
        var flags = new HashSet<string>(flagsLine[(flagsLine.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (flags.Contains("avx512f") && flags.Contains("avx512bw") && flags.Contains("avx512vl")) return "SkylakeX";
        if (flags.Contains("avx2") && flags.Contains("fma")) return "Haswell";
        if (flags.Contains("avx")) return "Sandybridge";
        return null;
    }

    /// <summary>Sets the variable in the process environment (the C one that OpenBLAS reads), once.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        var coreType = Detect();
        if (coreType is null) return;
        setenv(Variable, coreType, 0);
        Environment.SetEnvironmentVariable(Variable, coreType);  // child processes (e.g. the PyTorch bench) see it too
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
