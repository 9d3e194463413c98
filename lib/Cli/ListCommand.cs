using System.CommandLine;
using Dino.Repro.Training;

namespace Dino.Repro.Cli;

/// <summary>`dino list`: what the kit can run — experiments with their presets (corpora and metrics join as they land).</summary>
internal static class ListCommand
{
    public static Command Create(ExperimentRegistry registry)
    {
        var options = new Option<bool>("--options") { Description = "Also print every experiment's options with their defaults" };
        var command = new Command("list", "List the registered experiments and their presets.");
        command.Options.Add(options);
        command.SetAction(parse =>
        {
            var showOptions = parse.GetValue(options);
            Console.WriteLine("experiments");
            var width = registry.Names.Max(n => n.Length);
            foreach (var e in registry.All)
            {
                Console.WriteLine($"  {e.Name.PadRight(width)}  presets: {string.Join(", ", e.Presets),-20}  {e.Description}");
                if (showOptions) Console.Write(OptionSet.Format(e.Defaults, e.Defaults, $"{e.Name} defaults"));
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
