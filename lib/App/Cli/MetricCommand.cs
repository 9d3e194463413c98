using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Evaluation.Registrations;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino metric NAME --ref FILE --deg FILE [options]`: scores one pair and prints one JSON object
/// {"metric": NAME, "value": …, …}; with --ref-dir/--deg-dir it scores every pair of same-named files and
/// prints one line per pair, then the mean. Exit codes: 0 scored, 1 bad input, 2 usage error.
/// </summary>
internal static class MetricCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "metric name (`dino metric list` shows them)" };
        var reference = new Option<string?>("--ref") { Description = "reference file" };
        var degraded = new Option<string?>("--deg") { Description = "degraded / generated file" };
        var referenceDir = new Option<string?>("--ref-dir") { Description = "folder of reference files (paired by file name)" };
        var degradedDir = new Option<string?>("--deg-dir") { Description = "folder of degraded files (paired by file name)" };
        var log = new Option<string?>("--log") { Description = "also append the result to FOLDER/metric-NAME.jsonl" };
        var set = new Option<string[]>("--set")
        {
            Description = "metric option key=value (repeatable), e.g. --set splits=10",
            AllowMultipleArgumentsPerToken = true,
        };
        var named = new (string key, Option<string?> option)[]
        {
            ("rate", new Option<string?>("--rate") { Description = "sample rate in Hz (audio metrics)" }),
            ("mode", new Option<string?>("--mode") { Description = "nb | wb (PESQ)" }),
            ("data-range", new Option<string?>("--data-range") { Description = "value range of the images (default 255)" }),
            ("splits", new Option<string?>("--splits") { Description = "inception score splits (default 10)" }),
        };

        var command = new Command("metric", "Score a pair of files (or paired folders) with one of the kit's metrics; prints JSON.");
        command.Arguments.Add(name);
        foreach (var option in new Option[] { reference, degraded, referenceDir, degradedDir, log, set })
            command.Options.Add(option);
        foreach (var (_, option) in named)
            command.Options.Add(option);

        command.SetAction(parse =>
        {
            var metricName = parse.GetValue(name)!;
            if (metricName == "list")
            {
                foreach (var m in MetricRegistry.All)
                    Console.WriteLine($"{m.Name, -12} {m.Description}\n{"", -12} inputs: {m.Inputs}");
                return 0;
            }
            MetricDescriptor metric;
            try
            {
                metric = MetricRegistry.Get(metricName);
            }
            catch (KeyNotFoundException e)
            {
                Console.Error.WriteLine($"dino metric: {e.Message}");
                return 2;
            }

            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, option) in named)
            {
                if (parse.GetValue(option) is { } value)
                    options[key] = value;
            }
            foreach (var pair in parse.GetValue(set) ?? Array.Empty<string>())
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"dino metric: --set expects key=value, got '{pair}'");
                    return 2;
                }
                options[pair[..eq]] = pair[(eq + 1)..];
            }

            if (parse.GetValue(log) is { } logFolder && MetricLog.Unwritable(logFolder) is { } problem)
            {
                Console.Error.WriteLine($"dino metric: --log {logFolder}: {problem}");
                return ExitCodes.Usage;
            }

            var refDir = parse.GetValue(referenceDir);
            var degDir = parse.GetValue(degradedDir);
            if (metric.Folders)
            {
                // Distribution metrics (fid-images, is-images) take the folders themselves; IS needs --deg-dir only.
                return Score(
                    metricName,
                    () => new List<JsonObject> { metric.Compute(new MetricRequest(refDir, degDir, options)) },
                    parse.GetValue(log)
                );
            }
            if ((refDir is null) != (degDir is null))
            {
                Console.Error.WriteLine("dino metric: --ref-dir and --deg-dir go together");
                return 2;
            }
            return Score(
                metricName,
                () =>
                    refDir is null
                        ? new List<JsonObject> { metric.Compute(new MetricRequest(parse.GetValue(reference), parse.GetValue(degraded), options)) }
                        : ScoreFolders(metric, refDir, degDir!, options),
                parse.GetValue(log)
            );
        });
        return command;
    }

    /// <summary>Prints each result (and logs it); bad input is exit 1, a missing argument or a bad option value exit 2.</summary>
    private static int Score(string metricName, Func<List<JsonObject>> compute, string? log)
    {
        try
        {
            foreach (var result in compute())
            {
                Console.WriteLine(result.ToJsonString(MetricLog.JsonOptions));
                if (log is { } folder)
                    MetricLog.Append(folder, result);
            }
            return 0;
        }
        catch (Exception e)
            when (e
                    is ArgumentException
                        or IOException
                        or InvalidDataException
                        or NotSupportedException
                        or System.Runtime.InteropServices.ExternalException
            )
        {
            Console.Error.WriteLine($"dino metric {metricName}: {e.Message}");
            return e is MetricUsageException ? ExitCodes.Usage : ExitCodes.Failure;
        }
    }

    /// <summary>One result per same-named pair, then a summary whose value is the mean over pairs.</summary>
    private static List<JsonObject> ScoreFolders(MetricDescriptor metric, string refDir, string degDir, Dictionary<string, string> options)
    {
        foreach (var dir in new[] { refDir, degDir })
        {
            if (!Directory.Exists(dir))
                throw new DirectoryNotFoundException($"no such folder: {dir}");
        }
        var names = Directory.GetFiles(refDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var missing = names.Where(n => !File.Exists(Path.Combine(degDir, n!))).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"{missing.Count} reference file(s) have no same-named file in {degDir}: {string.Join(", ", missing.Take(5))}"
            );
        if (names.Count == 0)
            throw new ArgumentException($"{refDir} holds no files");
        var results = names.Select(n => metric.Compute(new MetricRequest(Path.Combine(refDir, n!), Path.Combine(degDir, n!), options))).ToList();
        var values = results.Select(r => r["value"]!.GetValue<double>()).ToArray();
        results.Add(
            new JsonObject
            {
                ["metric"] = metric.Name,
                ["value"] = values.Average(),
                ["pairs"] = values.Length,
                ["ref_dir"] = refDir,
                ["deg_dir"] = degDir,
            }
        );
        return results;
    }
}
