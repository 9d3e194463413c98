using System.CommandLine;
using Dino.Repro.App.Notebooks;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino notebook run FILE.ipynb [--output EXECUTED.ipynb] [--param name=value …]`: runs a notebook headlessly in the
/// .NET Interactive kernel (Polyglot Notebooks' own) and writes the executed copy (default: FILE.executed.ipynb beside
/// it). The kit's training progress is echoed as it happens, what the cells printed once they have run. Exit codes:
/// 0 every cell ran, 1 a cell failed (the first: cell number, line of a compile error, the error) or the kernel could
/// not run, 2 usage error (no such file, malformed notebook, unknown parameter or a value of the wrong type).
/// </summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        // Arity 0..1 and unmatched tokens allowed so that usage errors reach the action and exit 2, not the parser's 1.
        var file = new Argument<string?>("file") { Description = "the notebook (.ipynb, Polyglot Notebooks C#)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the executed notebook (default FILE.executed.ipynb)" };
        var param = new Option<string[]>("--param", "-p")
        {
            Description = "override a parameter of the cell tagged \"parameters\": name=value (repeatable), e.g. --param preset=smoke",
            AllowMultipleArgumentsPerToken = true,
        };
        var run = new Command("run", "Run a notebook's cells in order and write the executed notebook with its outputs.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.Arguments.Add(file);
        run.Options.Add(output);
        run.Options.Add(param);
        run.SetAction(parse =>
        {
            if (parse.UnmatchedTokens.Count > 0)
                return Usage($"unexpected argument(s): {string.Join(" ", parse.UnmatchedTokens)}");
            if (parse.GetValue(file) is not { } path)
                return Usage("name the notebook to run: dino notebook run FILE.ipynb");
            if (!File.Exists(path))
                return Usage($"no such notebook: {path}");
            var outputPath = parse.GetValue(output) ?? NotebookRunner.DefaultOutputPath(path);
            try
            {
                var options = new NotebookRunOptions
                {
                    Parameters = NotebookParameters.ParseAssignments(parse.GetValue(param) ?? Array.Empty<string>()),
                    Echo = Console.Out,
                    Progress = line => Console.Error.WriteLine($"dino notebook: {line}"),
                };
                var result = NotebookRunner.Run(path, outputPath, options);
                Console.Error.WriteLine(
                    $"dino notebook: {result.CodeCellsRun} code cells ran in {result.Elapsed.TotalSeconds:F1} s; executed notebook: {outputPath}"
                );
                return 0;
            }
            catch (NotebookCellException e)
            {
                Console.Error.WriteLine($"dino notebook run {path}: {e.Message}");
                Console.Error.WriteLine($"dino notebook: executed notebook (up to the failure): {e.OutputPath}");
                return 1;
            }
            catch (NotebookKernelException e)
            {
                Console.Error.WriteLine($"dino notebook run {path}: {e.Message}");
                if (e.KernelOutput.Length > 0)
                    Console.Error.WriteLine(e.KernelOutput.TrimEnd());
                return 1;
            }
            catch (Exception e) when (e is NotebookParameterException or InvalidDataException or FileNotFoundException)
            {
                return Usage(e.Message);
            }
        });

        var command = new Command("notebook", "Run .ipynb notebooks headlessly (as CI does).");
        command.Subcommands.Add(run);
        return command;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"dino notebook run: {message}");
        return 2;
    }
}
