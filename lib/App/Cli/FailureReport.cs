using Dino.Repro.Training;

namespace Dino.Repro.App.Cli;

/// <summary>
/// How a verb reports work that failed: always the message; the stack trace only when it helps, which is not the
/// case for a missing or malformed file (the message names the file and the fix) or a non-finite loss (it names the
/// step, the loss and the last good checkpoint). DINO_DEBUG=1 prints it always.
/// </summary>
internal static class FailureReport
{
    public static void Write(string prefix, Exception e)
    {
        Console.Error.WriteLine($"{prefix}: {e.Message}");
        var expected = e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or NonFiniteLossException;
        if (!expected || Environment.GetEnvironmentVariable("DINO_DEBUG") == "1")
            Console.Error.WriteLine(e.StackTrace);
    }
}
