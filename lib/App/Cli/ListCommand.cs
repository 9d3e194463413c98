using System.CommandLine;
using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Evaluation.Registrations;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

/// <summary>`dino list`: what the kit can run — experiments with their presets, the corpora (real or embedded) and the metrics.</summary>
internal static class ListCommand
{
    public static Command Create(ExperimentRegistry registry)
    {
        var options = new Option<bool>("--options") { Description = "Also print every experiment's options with their defaults" };
        var command = new Command("list", "List the registered experiments with their presets, the corpora and the metrics.");
        command.Options.Add(options);
        command.SetAction(parse =>
        {
            WriteExperiments(registry, parse.GetValue(options));
            WriteCorpora();
            WriteMetrics();
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteExperiments(ExperimentRegistry registry, bool showOptions)
    {
        Console.WriteLine("experiments");
        var width = registry.Names.Max(n => n.Length);
        foreach (var e in registry.All)
        {
            Console.WriteLine($"  {e.Name.PadRight(width)}  presets: {string.Join(", ", e.Presets.Select(p => p.Name())), -20}  {e.Description}");
            if (showOptions)
                Console.Write(OptionSet.Format(e.Defaults, e.Defaults, $"{e.Name} defaults"));
        }
    }

    // Where a corpus lives and how to make one is `dino corpus list`'s job; here one line each is enough.
    private static void WriteCorpora()
    {
        Console.WriteLine("corpora");
        var width = CorpusRegistry.All.Max(c => c.Name.Length);
        foreach (var corpus in CorpusRegistry.All)
            Console.WriteLine($"  {corpus.Name.PadRight(width)}  {corpus.Kind, -8}  {corpus.Description}");
    }

    private static void WriteMetrics()
    {
        Console.WriteLine("metrics");
        var width = MetricRegistry.All.Max(m => m.Name.Length);
        foreach (var metric in MetricRegistry.All)
            Console.WriteLine($"  {metric.Name.PadRight(width)}  {metric.Description}");
    }
}
