using System.CommandLine;
using Dino.Repro.App.Bench;

namespace Dino.Repro.App.Cli;

/// <summary>`dino info`: TorchSharp and libtorch versions, where libtorch was loaded from, threads, CUDA and a measured sgemm rate.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command(
            "info",
            "Show the tensor engine: TorchSharp and libtorch versions, native libraries, threads, CUDA, sgemm GFLOP/s."
        );
        command.SetAction(_ =>
        {
            Runtime.Configure();
            Console.WriteLine($"torchsharp   {typeof(torch).Assembly.GetName().Version}");
            Console.WriteLine($"libtorch     {torch.__version__}");
            Console.WriteLine($"loaded from  {LoadedFrom("libtorch_cpu.so") ?? "(not found in this process' memory map)"}");
            // TorchSharp exposes no torch.__config__.show(); the CPU package's libtorch is built with MKL (BLAS) and oneDNN.
            var cudaBuild = LoadedFrom("libtorch_cuda.so") is not null;
            var engines = cudaBuild
                ? "CUDA build of libtorch (cuBLAS/cuDNN on the GPU; MKL, oneDNN on the CPU)"
                : "MKL and oneDNN, as built into libtorch-cpu-linux-x64";
            Console.WriteLine($"blas, dnn    {engines}");
            Console.WriteLine(
                $"cpu convs    {(EngineSwitches.Mkldnn ? "oneDNN" : "ATen's kernels (oneDNN off)")}, oneDNN ISA cap "
                    + $"{NativeEnvironment.NativeValue("ONEDNN_MAX_CPU_ISA") ?? "none"} (README, Engine)"
            );
            Console.WriteLine($"threads      {torch.get_num_threads()} intra-op, {torch.get_num_interop_threads()} inter-op");
            var cuda = torch.cuda.is_available()
                ? $"available ({torch.cuda.device_count()} devices, cuDNN {(torch.cuda.is_cudnn_available() ? "yes" : "no")})"
                : "not available";
            Console.WriteLine($"cuda         {cuda}");
            Console.WriteLine($"sgemm 1024²  {FoundationBench.SgemmGFlops(1024, TimeSpan.FromSeconds(1)):F1} GFLOP/s");
            return 0;
        });
        return command;
    }

    // The file a native library was mapped from, read off /proc/self/maps (Linux).
    private static string? LoadedFrom(string library)
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/" + library, StringComparison.Ordinal))
                .Select(fields => fields[5])
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
