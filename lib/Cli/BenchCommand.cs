using System.CommandLine;

namespace Dino.Repro.Cli;

/// <summary>`dino bench`: placeholder until the benchmark suite lands.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Run a benchmark suite side by side with PyTorch.");
        command.SetAction(_ => 0);
        return command;
    }
}
