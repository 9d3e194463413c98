using Dino.Repro.IO;
using System.CommandLine;
using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Synthetic;

namespace Dino.Repro.Cli;

/// <summary>`dino corpus list` and `dino corpus make shapes --preset smoke --out DIR`: the kit's corpora.</summary>
internal static class CorpusCommand
{
    public static Command Create()
    {
        var command = new Command("corpus", "List the corpora, or make an embedded one.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Make());
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "Real and embedded corpora, with where real ones are expected on disk.");
        list.SetAction(_ =>
        {
            var width = CorpusCatalog.All.Max(c => c.Name.Length);
            foreach (var corpus in CorpusCatalog.All)
            {
                var kind = corpus.Embedded ? "embedded" : "real    ";
                Console.WriteLine($"{corpus.Name.PadRight(width)}  {kind}  {corpus.Description}");
                var where = corpus.Embedded
                    ? $"made by: dino corpus make {corpus.Name} --preset smoke --out DIR"
                    : $"expected at: {CorpusCatalog.ExpectedPath(corpus.Name)} ({corpus.Layout})";
                Console.WriteLine($"{"".PadRight(width)}            {where}");
            }
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Make()
    {
        var name = new Argument<string>("name") { Description = "embedded corpus to make (shapes)" };
        var preset = new Option<string>("--preset") { Description = "smoke (32 pairs, 64²) or cpu (2000 pairs, 64²)", DefaultValueFactory = _ => "smoke" };
        var output = new Option<string>("--out") { Description = "folder to write the corpus into", Required = true };
        var seed = new Option<long>("--seed") { Description = "seed of the scenes", DefaultValueFactory = _ => ShapesOptions.DefaultSeed };
        var count = new Option<int?>("--count") { Description = "number of pairs (overrides the preset)" };
        var size = new Option<int?>("--size") { Description = "side of photos and masks in pixels (overrides the preset)" };
        var make = new Command("make", "Write an embedded corpus in the on-disk format of the real one it stands in for.");
        make.Arguments.Add(name);
        foreach (var option in new Option[] { preset, output, seed, count, size }) make.Options.Add(option);
        make.SetAction(parse =>
        {
            var corpus = parse.GetValue(name)!;
            if (corpus != ShapesCorpus.Name)
            {
                Console.Error.WriteLine($"dino corpus make: unknown embedded corpus '{corpus}' (valid: {ShapesCorpus.Name})");
                return ExitCodes.Usage;
            }
            ShapesOptions options;
            try
            {
                options = ShapesOptions.ForPreset(parse.GetValue(preset)!, parse.GetValue(seed));
                options = options with { Count = parse.GetValue(count) ?? options.Count, Size = parse.GetValue(size) ?? options.Size };
                if (options.Count < 1 || options.Size < 8) throw new ArgumentException($"--count must be ≥ 1 and --size ≥ 8 (got {options.Count}, {options.Size})");
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"dino corpus make: {e.Message}");
                return ExitCodes.Usage;
            }
            var root = parse.GetValue(output)!;
            try
            {
                var reader = ShapesCorpus.Write(root, options);
                Console.WriteLine($"wrote {options.Count} Shapes pairs at {options.Size}² (seed {options.Seed}) to {reader.Root}: " +
                    $"{reader.Ids(CelebASplit.Train).Count} train, {reader.Ids(CelebASplit.Val).Count} val, {reader.Ids(CelebASplit.Test).Count} test");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Torch.TorchException)
            {
                Console.Error.WriteLine($"dino corpus make: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return make;
    }
}
