namespace Dino.Repro.Tests.Support;

/// <summary>Runs the `dino` command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    private static readonly object ConsoleLock = new();

    public static (int exitCode, string stdout, string stderr) Run(params string[] args) => Capture(() => Dino.Repro.App.Cli.Program.Main(args));

    /// <summary>Runs <paramref name="run"/> (one verb, or code that writes to the console) with the console captured.</summary>
    public static (int exitCode, string stdout, string stderr) Capture(Func<int> run)
    {
        lock (ConsoleLock)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            // Synchronized: a child process's output arrives on other threads.
            Console.SetOut(TextWriter.Synchronized(stdout));
            Console.SetError(TextWriter.Synchronized(stderr));
            try
            {
                var code = run();
                return (code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }
}
