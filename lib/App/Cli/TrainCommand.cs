using System.CommandLine;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino train EXPERIMENT --preset smoke|cpu|paper [--steps N] [--seed S] [--out runs] [--set key=value …]` starts a
/// numbered run folder; `dino train [EXPERIMENT] --resume RUN_DIR [--steps N]` continues one from its newest checkpoint.
/// Exit codes: 0 done, 1 training failed, 2 usage error, 130 interrupted (checkpoint written).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(ExperimentRegistry registry)
    {
        var experiment = new Argument<string?>("experiment")
        {
            Description = $"The experiment to train ({string.Join(", ", registry.Names)}); see `dino list`",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var preset = new Option<string?>("--preset")
        {
            Description = "smoke (seconds, CPU), cpu (minutes to an hour) or paper (GPU, full size); default smoke",
        };
        var steps = new Option<int?>("--steps")
        {
            Description = "Total optimisation steps (overrides the preset; with --resume, moves the end of the run)",
        };
        var seed = new Option<long?>("--seed") { Description = "Seed for torch, the data order and the experiment's generators" };
        var output = new Option<string>("--out") { Description = "Folder for the numbered run folders", DefaultValueFactory = _ => "runs" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its newest checkpoint" };
        var set = new Option<string[]>("--set")
        {
            Description = "Override an option: key=value (repeatable; keys are listed by `dino list --options`)",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("train", "Train an experiment in a numbered run folder (options.json, log.jsonl, samples/, checkpoints/).");
        command.Arguments.Add(experiment);
        foreach (var option in new Option[] { preset, steps, seed, output, resume, set })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            try
            {
                var request = new Request(
                    parse.GetValue(experiment),
                    parse.GetValue(preset),
                    parse.GetValue(steps),
                    parse.GetValue(seed),
                    parse.GetValue(output) ?? "runs",
                    parse.GetValue(resume),
                    parse.GetValue(set) ?? []
                );
                return Run(registry, request);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"dino train: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private sealed record Request(string? Experiment, string? Preset, int? Steps, long? Seed, string Out, string? Resume, string[] Sets);

    private static int Run(ExperimentRegistry registry, Request request)
    {
        Runtime.Configure();
        using var stop = new StopSignals();
        var progress = ProgressSinks.ForConsole();
        var trainer = new Trainer(registry, new TrainerSettings { RunsRoot = request.Out, Progress = progress });
        try
        {
            var result = request.Resume is { } runDirectory
                ? ResumeRun(registry, trainer, request, runDirectory, stop.Token)
                : NewRun(registry, trainer, request, stop.Token);
            Console.WriteLine(
                result.Completed
                    ? $"done: {result.Step} steps in {result.RunDirectory}"
                    : $"stopped by {stop.Name} at step {result.Step} of {result.TotalSteps}, checkpoint written; "
                        + $"continue with: dino train --resume {result.RunDirectory}"
            );
            return result.Completed ? ExitCodes.Ok : stop.ExitCode;
        }
        catch (UsageException)
        {
            throw;
        }
        catch (Exception e)
        {
            FailureReport.Write("dino train: training failed", e);
            return ExitCodes.Failure;
        }
    }

    private static TrainingResult NewRun(ExperimentRegistry registry, Trainer trainer, Request request, CancellationToken cancellation)
    {
        if (request.Experiment is null)
            throw new UsageException($"name the experiment to train (valid: {string.Join(", ", registry.Names)}), or --resume a run folder");
        var overrides = request.Sets.Select(OptionSet.ParseAssignment).ToList();
        if (request.Steps is { } n)
            overrides.Add(KeyValuePair.Create("steps", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (request.Seed is { } s)
            overrides.Add(KeyValuePair.Create("seed", s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var preset = Presets.Parse(request.Preset ?? Preset.Smoke.Name(), registry.Get(request.Experiment).Name);
        return trainer.Train(request.Experiment, preset, overrides, cancellation);
    }

    // A resumed run keeps the options it was started with; only its end (--steps) may move.
    private static TrainingResult ResumeRun(
        ExperimentRegistry registry,
        Trainer trainer,
        Request request,
        string runDirectory,
        CancellationToken cancellation
    )
    {
        var fixedOptions = new List<string>();
        if (request.Preset is not null)
            fixedOptions.Add("--preset");
        if (request.Seed is not null)
            fixedOptions.Add("--seed");
        if (request.Sets.Length > 0)
            fixedOptions.Add("--set");
        if (fixedOptions.Count > 0)
            throw new UsageException(
                $"{string.Join(", ", fixedOptions)} cannot change a run being resumed (its options.json is fixed; only --steps may move its end)"
            );
        var run = RunFolder.Open(runDirectory);
        var manifest = RunManifest.Load(run.OptionsFile, registry);
        if (request.Experiment is not null && request.Experiment != manifest.Experiment)
            throw new UsageException($"'{runDirectory}' is a run of '{manifest.Experiment}', not '{request.Experiment}'");
        return trainer.Resume(run.Path, request.Steps, cancellation);
    }
}
