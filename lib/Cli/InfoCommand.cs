using System.CommandLine;
using System.Diagnostics;
using Dino.Repro.Torch;

namespace Dino.Repro.Cli;

/// <summary>`dino info`: libtorch build, BLAS, threads, CUDA and a measured sgemm rate.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the tensor engine's configuration: libtorch build, BLAS, threads, CUDA, sgemm GFLOP/s.");
        command.SetAction(_ =>
        {
            Runtime.Configure();
            Console.WriteLine($"threads      {torch.get_num_threads()}");
            Console.WriteLine($"cuda         {(torch.cuda.is_available() ? $"available ({torch.cuda.device_count()} devices)" : "not available")}");
            Console.WriteLine($"sgemm 1024²  {Sgemm.GFlops(1024, TimeSpan.FromSeconds(1)):F1} GFLOP/s");
            Console.WriteLine();
            Console.WriteLine(torch.config_show().Trim());
            return 0;
        });
        return command;
    }
}

/// <summary>Measures float32 matrix-product throughput, the figure that tells whether OpenBLAS is in use.</summary>
internal static class Sgemm
{
    public static double GFlops(int n, TimeSpan budget)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        a.mm(b).Dispose();  // warm-up: first call pays for thread start and packing buffers
        var watch = Stopwatch.StartNew();
        var iterations = 0;
        while (watch.Elapsed < budget || iterations < 3)
        {
            a.mm(b).Dispose();
            iterations++;
        }
        return 2.0 * n * n * n * iterations / watch.Elapsed.TotalSeconds / 1e9;
    }
}
