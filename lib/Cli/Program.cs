using System.CommandLine;

namespace Dino.Repro.Cli;

/// <summary>The `dino` command line: one sub-command per verb, each in its own file.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Dino.Repro: reproduce five cross-modal GAN papers with libtorch from C#.");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MetricCommand.Create());
        root.Subcommands.Add(NotebookCommand.Create());
        return root.Parse(args).Invoke();
    }
}
