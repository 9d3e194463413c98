using System.CommandLine;
using Dino.Repro.Bench;
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
            Console.WriteLine($"sgemm 1024²  {FoundationBench.SgemmGFlops(1024, TimeSpan.FromSeconds(1)):F1} GFLOP/s");
            Console.WriteLine();
            Console.WriteLine(torch.config_show().Trim());
            return 0;
        });
        return command;
    }
}
