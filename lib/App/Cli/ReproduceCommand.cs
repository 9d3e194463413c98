using System.CommandLine;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Data.Corpora;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino reproduce TABLE --preset smoke|cpu|paper [--out reports] [--set key=value …] [--segmenter-steps N]
/// [--reference-test-mode] [--seeds N] [--corpus NAME]`: trains what
/// the table compares, evaluates it and writes OUT/TABLE/index.html, results.json and table.md. With `--estimate` it
/// only times a few steps of each row and prints how long the preset's training would take on this machine.
/// Exit codes: 0 written, 1 the run failed, 2 usage error (unknown table or preset, bad option).
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create(TableRegistry registry)
    {
        var table = new Argument<string>("table") { Description = $"The table to reproduce ({string.Join(", ", registry.Names)})" };
        var preset = new Option<string>("--preset")
        {
            Description = "smoke (seconds), cpu (the presets' full step counts) or, where the table has it, paper (the real corpus on a GPU)",
            DefaultValueFactory = _ => "smoke",
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder that receives TABLE/ (index.html, results.json, table.md)",
            DefaultValueFactory = _ => "reports",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override an option of every method trained: key=value (repeatable, e.g. steps=50)",
            AllowMultipleArgumentsPerToken = true,
        };
        var segmenterSteps = new Option<int?>("--segmenter-steps")
        {
            Description = "Training steps of the evaluation segmenter (default: the table's for the preset)",
        };
        var estimate = new Option<bool>("--estimate")
        {
            Description = "Only time a few training steps of each method and print the projected training time at the preset; writes nothing",
        };

        var referenceTestMode = new Option<bool>("--reference-test-mode")
        {
            Description =
                "Also score pix2pix and BicycleGAN as their authors' test.py does (dropout on, per-image batch statistics), "
                + "in rows marked (test.py) beside the kit's eval-mode rows",
        };

        var seeds = new Option<int>("--seeds")
        {
            Description = "Train every method with N seeds (the rows' seed and the next ones) and show mean ± sd over them",
            DefaultValueFactory = _ => 1,
        };

        var corpus = new Option<string?>("--corpus")
        {
            Description = "Train and score every method on this corpus with pairs (e.g. shapes-multimodal) instead of the table's own",
        };

        var command = new Command("reproduce", "Reproduce a paper table end to end: train, evaluate, write a self-contained report.");
        command.Arguments.Add(table);
        foreach (var option in new Option[] { preset, output, set, segmenterSteps, estimate, referenceTestMode, seeds, corpus })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            try
            {
                var chosen = registry.Get(parse.GetValue(table)!);
                var overrides = (parse.GetValue(set) ?? []).Select(OptionSet.ParseAssignment).ToList();
                if (parse.GetValue(corpus) is { } corpusName)
                {
                    CorpusRegistry.Paired(corpusName); // a usage error naming the corpora with pairs, before anything trains
                    overrides.Add(KeyValuePair.Create("corpus", corpusName));
                }
                var request = new ReproduceRequest(
                    Presets.Parse(parse.GetValue(preset) ?? Preset.Smoke.Name(), chosen.Name),
                    parse.GetValue(output) ?? "reports",
                    overrides,
                    parse.GetValue(segmenterSteps),
                    parse.GetValue(referenceTestMode)
                )
                {
                    Seeds = parse.GetValue(seeds),
                };
                if (request.SegmenterSteps is < 1)
                    throw new UsageException($"--segmenter-steps must be at least 1 (got {request.SegmenterSteps})");
                return parse.GetValue(estimate) ? Estimate(chosen, request) : Run(chosen, request);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"dino reproduce: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static int Run(IReproducibleTable table, ReproduceRequest request)
    {
        Runtime.Configure();
        using var stop = new StopSignals();
        try
        {
            var result = table.Run(request with { Stop = stop.Token }, new LineProgress(Console.Out));
            Console.WriteLine(result.Table.ToMarkdown());
            Console.WriteLine($"done: {result.IndexHtml}");
            return ExitCodes.Ok;
        }
        catch (UsageException)
        {
            throw;
        }
        catch (ReproductionStoppedException e)
        {
            Console.WriteLine($"stopped by {stop.Name}: {e.Message}; run the same command again to continue from there");
            return stop.ExitCode;
        }
        catch (Exception e)
        {
            FailureReport.Write($"dino reproduce: {table.Name} failed", e);
            return ExitCodes.Failure;
        }
    }

    private static int Estimate(IReproducibleTable table, ReproduceRequest request)
    {
        Runtime.Configure();
        try
        {
            var costs = table.Estimate(request, new LineProgress(Console.Out));
            Console.WriteLine(TrainingCost.Table(costs));
            Console.WriteLine(
                $"{table.Name} at preset {request.Preset.Name()}: the median of {TrainingCost.TimedSteps} timed steps per method, after a warm-up, "
                    + "on "
                    + $"{torch.get_num_threads()} CPU thread(s){(costs.Any(c => c.Device.IsCuda) ? " and the GPU" : "")}; "
                    + "reading the real corpus and scoring the test split come on top."
            );
            return ExitCodes.Ok;
        }
        catch (UsageException)
        {
            throw;
        }
        catch (Exception e)
        {
            FailureReport.Write($"dino reproduce: estimating {table.Name} failed", e);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Plain progress lines (messages, and every training log interval), fit for logs and tests alike.</summary>
    private sealed class LineProgress(TextWriter output) : IProgressSink
    {
        private string title = "";

        public void Begin(string title, long firstStep, long totalSteps)
        {
            this.title = title;
            output.WriteLine($"{title}: steps {firstStep}..{totalSteps}");
        }

        public void Report(StepReport report)
        {
            if (report.Step != report.TotalSteps && report.Step % Math.Max(1, report.TotalSteps / 10) != 0)
                return;
            output.WriteLine(
                $"{title}: step {report.Step}/{report.TotalSteps}  "
                    + string.Join("  ", report.Losses.Concat(report.Controller).Select(kv => $"{kv.Key} {kv.Value:G4}"))
                    + (report.Step == report.TotalSteps || report.Eta is not { } eta ? "" : $"  ETA {ProgressText.Duration(eta)}")
            );
        }

        public void Message(string text) => output.WriteLine(text);

        public void End() { }
    }
}
