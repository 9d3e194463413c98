using System.CommandLine;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

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
        root.Subcommands.Add(CorpusCommand.Create());
        root.Subcommands.Add(PrepareCommand.Create("prepare"));
        root.Subcommands.Add(ListCommand.Create(BuiltInExperiments.Registry));
        root.Subcommands.Add(TrainCommand.Create(BuiltInExperiments.Registry));
        root.Subcommands.Add(EvaluateCommand.Create(BuiltInExperiments.Registry));
        root.Subcommands.Add(ReproduceCommand.Create(Reproduce.TableRegistry.Default));
        var parse = root.Parse(args);
        // A malformed command line is a usage error (exit 2), never confused with a failed run (exit 1).
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"dino: {error.Message}");
            Console.Error.WriteLine("Try 'dino --help' or 'dino <verb> --help'.");
            return ExitCodes.Usage;
        }
        return parse.Invoke();
    }
}
