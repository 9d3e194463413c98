using System.CommandLine;
using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.IO;

namespace Dino.Repro.App.Cli;

/// <summary>`dino corpus list`, `dino corpus make NAME --preset smoke --out DIR` and `dino corpus prepare NAME`: the kit's corpora.</summary>
internal static class CorpusCommand
{
    public static Command Create()
    {
        var command = new Command("corpus", "List the corpora, make an embedded one, or prepare a real one.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Make());
        command.Subcommands.Add(PrepareCommand.Create("prepare"));
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "Real and embedded corpora, with where real ones are expected on disk.");
        list.SetAction(_ =>
        {
            var width = CorpusRegistry.All.Max(c => c.Name.Length);
            foreach (var corpus in CorpusRegistry.All)
            {
                Console.WriteLine($"{corpus.Name.PadRight(width)}  {corpus.Kind, -8}  {corpus.Description}");
                var where = corpus.Embedded
                    ? $"made by: dino corpus make {corpus.Name} --preset smoke --out DIR"
                    : $"expected at: {CorpusPaths.ExpectedPath(corpus.Name)} ({corpus.Layout})";
                Console.WriteLine($"{"".PadRight(width)}            {where}");
            }
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Make()
    {
        var name = new Argument<string>("name") { Description = "embedded corpus to make (see dino corpus list)" };
        var preset = new Option<string>("--preset")
        {
            Description = "smoke or cpu (sizes per corpus: dino corpus list)",
            DefaultValueFactory = _ => "smoke",
        };
        var output = new Option<string>("--out") { Description = "folder to write the corpus into", Required = true };
        var seed = new Option<long>("--seed") { Description = "seed of the corpus", DefaultValueFactory = _ => 0L };
        var count = new Option<int?>("--count") { Description = "number of examples (overrides the preset)" };
        var size = new Option<int?>("--size") { Description = "side of images/frames in pixels (overrides the preset)" };
        var make = new Command("make", "Write an embedded corpus in the on-disk format of the real one it stands in for.");
        make.Arguments.Add(name);
        foreach (var option in new Option[] { preset, output, seed, count, size })
            make.Options.Add(option);
        make.SetAction(parse =>
        {
            var corpus = CorpusRegistry.Embedded.FirstOrDefault(c => c.Name == parse.GetValue(name));
            if (corpus?.Maker is not { } maker)
            {
                Console.Error.WriteLine(
                    "dino corpus make: "
                        + UsageException.UnknownName("embedded corpus", parse.GetValue(name)!, CorpusRegistry.Embedded.Select(c => c.Name)).Message
                );
                return ExitCodes.Usage;
            }
            try
            {
                var request = new EmbeddedCorpusRequest(
                    Presets.Parse(parse.GetValue(preset)!, corpus.Name),
                    parse.GetValue(seed),
                    parse.GetValue(count),
                    parse.GetValue(size)
                );
                Console.WriteLine(maker.Write(parse.GetValue(output)!, request));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ArgumentException or UsageException)
            {
                Console.Error.WriteLine($"dino corpus make: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e)
                when (e is IOException or UnauthorizedAccessException or System.Runtime.InteropServices.ExternalException or InvalidOperationException
                )
            {
                Console.Error.WriteLine($"dino corpus make: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return make;
    }
}
