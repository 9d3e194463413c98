using System.CommandLine;
using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.App.Cli;

/// <summary>
/// `dino prepare NAME` and `dino corpus prepare NAME`: runs data-scripts/NAME.sh (download, verify, unpack), maps its
/// exit code to a message and the kit's exit code, then opens the corpus with the kit's reader and builds the kit's
/// cache where it has one (<see cref="CorpusCaches"/>). Run by the script itself (DINO_IN_CORPUS_PREPARE=1) it does only
/// the reader check and the cache. An embedded corpus is made, not prepared.
/// </summary>
internal static class PrepareCommand
{
    public const string InScriptVariable = "DINO_IN_CORPUS_PREPARE";

    /// <summary>The verb under <paramref name="verb"/> (the same code serves `dino prepare` and `dino corpus prepare`).</summary>
    public static Command Create(string verb)
    {
        var name = new Argument<string>("name") { Description = "real corpus to fetch and prepare (see dino corpus list)" };
        var command = new Command(
            verb,
            "Fetch, verify and unpack a real corpus with its data-script, check it with the kit's reader and build the kit's cache (spoken "
                + "captions, face/speech pairs)."
        );
        command.Arguments.Add(name);
        command.SetAction(parse =>
            Run(
                parse.GetValue(name)!,
                Path.Combine(KitPaths.Root(), "data-scripts"),
                KitPaths.DataRoot(),
                Environment.GetEnvironmentVariable(InScriptVariable) == "1"
            )
        );
        return command;
    }

    /// <summary>The verb's work, with the scripts folder and data root given (tests point them at temporary ones).</summary>
    public static int Run(string name, string scriptsFolder, string dataRoot, bool calledByScript)
    {
        var entry = CorpusRegistry.All.FirstOrDefault(c => c.Name == name);
        if (entry is null)
        {
            Console.Error.WriteLine(
                $"dino corpus prepare: unknown corpus '{name}' (valid: {string.Join(", ", CorpusRegistry.All.Select(c => c.Name))})"
            );
            return ExitCodes.Usage;
        }
        if (entry.Embedded)
        {
            Console.Error.WriteLine(
                $"dino corpus prepare: {name} is embedded (made by the kit, nothing to download): use `dino corpus make {name} --preset smoke "
                    + "--out DIR`"
            );
            return ExitCodes.Usage;
        }
        if (!calledByScript)
        {
            var code = RunScript(name, scriptsFolder, dataRoot);
            if (code != ExitCodes.Ok)
                return code;
        }
        var root = Path.Combine(dataRoot, name, "raw");
        return CheckWithReader(entry, root) ?? BuildCache(entry, root, dataRoot);
    }

    private static int RunScript(string name, string scriptsFolder, string dataRoot)
    {
        var script = DataScript.PathOf(scriptsFolder, name);
        int exit;
        try
        {
            exit = DataScript.Run(script, dataRoot, Console.WriteLine, Console.Error.WriteLine);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"dino corpus prepare: {e.Message}");
            return ExitCodes.Failure;
        }
        var (message, code) = DataScript.Outcome(exit) switch
        {
            DataScriptOutcome.Done => ((string?)null, ExitCodes.Ok),
            DataScriptOutcome.Offline => (
                $"{name} could not be downloaded (offline, host unreachable or an HTTP error; see above). "
                    + $"On a machine with internet run data-scripts/{name}.sh, or copy its archives into "
                    + $"{Path.Combine(dataRoot, name, "downloads")}, then rerun.",
                ExitCodes.Offline
            ),
            DataScriptOutcome.ChecksumMismatch => (
                $"a file of {name} failed its checksum or file count (see above): it is corrupt, truncated or not the "
                    + "official one. Delete it and rerun.",
                ExitCodes.Checksum
            ),
            DataScriptOutcome.ManualStep => (
                $"{name} needs a manual step: its licence makes you fetch files yourself. Put them where the script "
                    + $"said above, then rerun `dino corpus prepare {name}`.",
                ExitCodes.ManualStep
            ),
            _ => ($"data-scripts/{name}.sh failed (exit {exit}; see above).", ExitCodes.Failure),
        };
        if (message is not null)
            Console.Error.WriteLine($"dino corpus prepare: {message}");
        return code;
    }

    // Null when the reader can use the folder (it says what it sees), else the failure code.
    private static int? CheckWithReader(CorpusDefinition corpus, string root)
    {
        var name = corpus.Name;
        try
        {
            var describe = corpus.Describe ?? throw new InvalidOperationException($"the kit has no reader for '{name}'");
            Console.WriteLine(describe(root));
            return null;
        }
        catch (Exception e) when (IsCorpusProblem(e))
        {
            Console.Error.WriteLine($"dino corpus prepare: the kit's reader cannot use {name} at {root}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int BuildCache(CorpusDefinition corpus, string root, string dataRoot)
    {
        var name = corpus.Name;
        try
        {
            if (corpus.BuildCaches?.Invoke(root, dataRoot, Console.Error) is { } built)
                Console.WriteLine(built);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (IsCorpusProblem(e))
        {
            Console.Error.WriteLine($"dino corpus prepare: the kit's cache of {name} could not be built from {root}: {e.Message} (rerun to resume)");
            return ExitCodes.Failure;
        }
    }

    // Unreadable or missing files, and the tools behind the caches failing (espeak-ng, OpenCV): anything else is a bug.
    private static bool IsCorpusProblem(Exception e) =>
        e
            is IOException
                or InvalidDataException
                or UnauthorizedAccessException
                or SpeechSynthesisException
                or System.Runtime.InteropServices.ExternalException;
}
