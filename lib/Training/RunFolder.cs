using System.Globalization;
using System.Text.RegularExpressions;
using Dino.Repro.IO;
using Dino.Repro.Models;

namespace Dino.Repro.Training;

/// <summary>
/// A numbered run folder, as stylegan2-ada's <c>00003-cifar-auto1/</c>: <c>runs/00001-toy-gan-smoke/</c> holding
/// options.json, log.jsonl (one line per logged step), metrics.jsonl, samples/ and checkpoints/.
/// </summary>
public sealed partial class RunFolder
{
    private RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public const string OptionsFileName = "options.json";
    public const string LogFileName = "log.jsonl";

    public string OptionsFile => System.IO.Path.Combine(Path, OptionsFileName);
    public string LogFile => System.IO.Path.Combine(Path, LogFileName);
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.jsonl");
    public string SamplesFolder => System.IO.Path.Combine(Path, "samples");
    public string CheckpointsFolder => System.IO.Path.Combine(Path, "checkpoints");

    /// <summary>Creates the next numbered folder under <paramref name="root"/> (one past the highest number there).</summary>
    public static RunFolder CreateNext(string root, string experiment, Preset preset)
    {
        Directory.CreateDirectory(root);
        var next =
            Directory
                .EnumerateDirectories(root)
                .Select(d => RunNumber().Match(System.IO.Path.GetFileName(d)))
                .Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .DefaultIfEmpty(0)
                .Max() + 1;
        // Another process may take a number between the scan and the creation: move on to the next free one.
        while (true)
        {
            var path = System.IO.Path.Combine(root, $"{next:D5}-{experiment}-{preset.Name()}");
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path);
                return new RunFolder(path);
            }
            next++;
        }
    }

    /// <summary>An existing run folder (one with options.json), for resuming.</summary>
    public static RunFolder Open(string path)
    {
        var run = new RunFolder(path);
        if (!Directory.Exists(run.Path))
            throw new UsageException($"run folder '{path}' does not exist");
        if (!File.Exists(run.OptionsFile))
            throw new UsageException($"'{path}' is not a run folder: it has no options.json");
        return run;
    }

    /// <summary>
    /// The newest run under <paramref name="root"/> of <paramref name="experiment"/> at <paramref name="preset"/> whose resolved
    /// options are exactly <paramref name="options"/> (what a rerun of the same command continues instead of starting over);
    /// null when there is none. Folders whose options.json cannot be read are passed over.
    /// </summary>
    public static RunFolder? LatestWithOptions(string root, string experiment, Preset preset, TrainingOptions options, ExperimentRegistry registry)
    {
        if (!Directory.Exists(root))
            return null;
        var wanted = OptionSet.ToJsonText(options);
        return Directory
            .EnumerateDirectories(root, $"*-{experiment}-{preset.Name()}")
            .Where(d => RunNumber().IsMatch(System.IO.Path.GetFileName(d)))
            .OrderByDescending(d => System.IO.Path.GetFileName(d), StringComparer.Ordinal)
            .Select(d => new RunFolder(d))
            .FirstOrDefault(run =>
                ReadOptions(run, registry) is { } found && found.Experiment == experiment && OptionSet.ToJsonText(found.Options) == wanted
            );
    }

    private static RunManifest? ReadOptions(RunFolder run, ExperimentRegistry registry)
    {
        try
        {
            return File.Exists(run.OptionsFile) ? RunManifest.Load(run.OptionsFile, registry) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Where the sample grid of <paramref name="step"/> goes.</summary>
    public string SampleFile(long step) => System.IO.Path.Combine(SamplesFolder, $"step-{step:D6}.png");

    [GeneratedRegex(@"^(\d+)-")]
    private static partial Regex RunNumber();
}
