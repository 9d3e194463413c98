using System.CommandLine;
using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.Runs;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino evaluate RUN_DIR`: scores a run's newest checkpoint on its experiment's test split, writes RUN_DIR/eval.json
/// and prints the scores. Exit codes: 0 done, 1 failed (unreadable checkpoint, I/O, libtorch), 2 usage error.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(ExperimentRegistry registry)
    {
        var runDirectory = new Argument<string>("run") { Description = "A run folder made by dino train (holding options.json and checkpoints/)" };
        var command = new Command("evaluate", "Score a run's newest checkpoint on the test split; writes <run>/eval.json.");
        command.Arguments.Add(runDirectory);
        command.SetAction(parse =>
        {
            try
            {
                Runtime.Configure();
                var result = RunEvaluation.Evaluate(parse.GetValue(runDirectory)!, registry, Console.WriteLine);
                var table = new Table($"{result.Experiment} at step {result.Step}, {result.Examples} test examples", "metric", "value");
                foreach (var name in result.Metrics)
                    table.AddRow(name, result.Scores[name]);
                Console.WriteLine(table.ToMarkdown());
                Console.WriteLine($"wrote {result.File}");
                return ExitCodes.Ok;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"dino evaluate: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e)
                when (e
                        is IOException
                            or InvalidDataException
                            or UnauthorizedAccessException
                            or System.Runtime.InteropServices.ExternalException
                            or InvalidOperationException
                )
            {
                Console.Error.WriteLine($"dino evaluate: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
